namespace EnergyGate.Core.Generation;

/// <summary>
/// Temperature sampling with optional top-k and top-p (nucleus) filters, applied in that order as
/// Hugging Face transformers does. Seeded, so the same settings give the same tokens.
/// </summary>
/// <remarks>
/// Allocation-free after the first token: weights and candidate ids live in reused buffers. With a
/// filter on, candidates come off a max-heap in probability order, so the cost is O(V + m log V) for
/// m kept tokens rather than a full O(V log V) sort of a 50k vocabulary on every token.
/// </remarks>
public sealed class SamplingTokenSelector : ITokenSelector
{
    private readonly double _temperature;
    private readonly int _topK;
    private readonly double _topP;
    private readonly Random _random;
    private float[] _weights = [];
    private int[] _heap = [];

    /// <summary>Creates a sampler; <paramref name="settings"/> must have a positive temperature.</summary>
    public SamplingTokenSelector(GenerationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        if (!settings.IsSampling)
            throw new ArgumentException("sampling needs a positive temperature; use GreedyTokenSelector for 0", nameof(settings));
        _temperature = settings.Temperature;
        _topK = settings.TopK;
        _topP = settings.TopP;
        // Random(int) uses a fixed, documented algorithm: the same seed gives the same stream on every platform.
        _random = new Random(settings.Seed);
    }

    /// <inheritdoc />
    public int SelectToken(ReadOnlySpan<float> logits, int position)
    {
        var total = ComputeWeights(logits, position);
        var filtered = (_topK > 0 && _topK < logits.Length) || _topP < 1;
        return filtered ? SampleFiltered(logits.Length, total) : SampleAll(logits.Length, total);
    }

    // Softmax numerators exp((l - max) / T); NaN gets weight 0 so a broken logit is never drawn.
    private double ComputeWeights(ReadOnlySpan<float> logits, int position)
    {
        if (_weights.Length < logits.Length)
        {
            _weights = new float[logits.Length];
            _heap = new int[logits.Length];
        }
        var max = float.NegativeInfinity;
        foreach (var value in logits)
            max = value > max ? value : max;
        if (float.IsNegativeInfinity(max))
            throw GreedyTokenSelector.NoUsableLogits(logits.Length, position);
        var total = 0.0;
        for (var i = 0; i < logits.Length; i++)
        {
            var value = logits[i];
            // value == max first: with a +infinity logit, inf - inf would be NaN.
            var weight = float.IsNaN(value) ? 0f : value == max ? 1f : (float)Math.Exp((value - max) / _temperature);
            _weights[i] = weight;
            total += weight;
        }
        return total;
    }

    private int SampleAll(int count, double total)
    {
        var target = _random.NextDouble() * total;
        var last = 0;
        for (var i = 0; i < count; i++)
        {
            if (_weights[i] <= 0)
                continue;
            last = i;
            target -= _weights[i];
            if (target < 0)
                return i;
        }
        return last; // rounding left a sliver at the end
    }

    private int SampleFiltered(int count, double total)
    {
        // Pop candidates in descending probability into the tail of _heap: kept ids end up in
        // _heap[count - kept .. count), most likely last.
        var heapSize = BuildHeap(count);
        var limit = _topK > 0 ? Math.Min(_topK, heapSize) : heapSize;
        // Without top-k the nucleus is measured against the full mass and popping can stop early;
        // with top-k it is measured against the mass of the k survivors, known only after popping them.
        var nucleusMass = _topK > 0 ? double.PositiveInfinity : _topP * total;
        var kept = 0;
        var keptMass = 0.0;
        while (kept < limit && keptMass < nucleusMass)
        {
            var id = PopMax(ref heapSize);
            _heap[count - 1 - kept] = id;
            keptMass += _weights[id];
            kept++;
        }
        if (_topK > 0 && _topP < 1)
            (kept, keptMass) = TrimToNucleus(count, kept, keptMass * _topP);
        var target = _random.NextDouble() * keptMass;
        for (var k = 0; k < kept; k++)
        {
            var id = _heap[count - 1 - k];
            target -= _weights[id];
            if (target < 0)
                return id;
        }
        return _heap[count - kept];
    }

    private (int Kept, double Mass) TrimToNucleus(int count, int kept, double nucleusMass)
    {
        var mass = 0.0;
        for (var k = 0; k < kept; k++)
        {
            mass += _weights[_heap[count - 1 - k]];
            if (mass >= nucleusMass)
                return (k + 1, mass);
        }
        return (kept, mass);
    }

    // Max-heap of ids with positive weight, ordered by weight then lowest id, so ties pop deterministically.
    private int BuildHeap(int count)
    {
        var size = 0;
        for (var i = 0; i < count; i++)
        {
            if (_weights[i] > 0)
                _heap[size++] = i;
        }
        for (var i = size / 2 - 1; i >= 0; i--)
            SiftDown(i, size);
        return size;
    }

    private int PopMax(ref int size)
    {
        var top = _heap[0];
        _heap[0] = _heap[--size];
        SiftDown(0, size);
        return top;
    }

    private void SiftDown(int i, int size)
    {
        while (true)
        {
            var left = 2 * i + 1;
            if (left >= size)
                return;
            var child = left + 1 < size && Before(_heap[left + 1], _heap[left]) ? left + 1 : left;
            if (!Before(_heap[child], _heap[i]))
                return;
            (_heap[child], _heap[i]) = (_heap[i], _heap[child]);
            i = child;
        }
    }

    private bool Before(int a, int b) => _weights[a] > _weights[b] || (_weights[a] == _weights[b] && a < b);
}

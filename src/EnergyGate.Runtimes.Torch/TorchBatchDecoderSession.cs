using EnergyGate.Core;
using EnergyGate.Core.Generation.Batching;
using static TorchSharp.torch;

namespace EnergyGate.Runtimes.Torch;

/// <summary>
/// <see cref="IBatchDecoderSession"/> over TorchSharp: the sequences in occupied slots are rows of one
/// KV cache (ascending by slot), left-padded to a shared time axis. Prefill runs the joining prompts in
/// one forward pass, decode runs one token of every row in one forward pass; an attention mask hides
/// each row's padding and positions count from each row's first real token, so a row computes what
/// <see cref="TorchDecoderSession"/> computes for it alone.
/// </summary>
/// <remarks>
/// A decode step writes one cache column in place (no copy of the cache); a join or a leave lays the
/// rows out anew once, and a leave trims the columns that are padding in every remaining row, so the
/// time axis is never longer than the longest sequence. Each step runs under <c>no_grad</c> inside a
/// dispose scope and the logits go to one reused array, so native memory stays flat.
/// </remarks>
public sealed class TorchBatchDecoderSession : IBatchDecoderSession
{
    private readonly TransformerDecoder _model;
    private readonly BatchKvCache _cache;
    private readonly float[] _logits;
    private readonly int[] _lengths;
    private readonly List<int> _rowSlots = [];
    private readonly List<long> _rowPads = [];

    private TorchBatchDecoderSession(LoadedDecoder loaded, int maxBatchSize)
    {
        _model = loaded.Model;
        var c = _model.Config;
        _cache = new BatchKvCache(c.Layers, c.KvHeads, c.HeadDim, c.MaxPositions, _model.DType, _model.Device);
        _logits = new float[(long)maxBatchSize * c.VocabSize];
        _lengths = new int[maxBatchSize];
        Description = loaded.Description;
        Provider = loaded.Provider;
        FallbackReason = loaded.FallbackReason;
    }

    /// <summary>Opens the model in <paramref name="folder"/> with <paramref name="maxBatchSize"/> slots.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxBatchSize"/> is below 1.</exception>
    /// <exception cref="EnergyGateException">As <see cref="TorchDecoderSession.Open"/>.</exception>
    public static TorchBatchDecoderSession Open(string folder, TorchSessionOptions options, int maxBatchSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatchSize, 1);
        return new TorchBatchDecoderSession(TorchModelLoader.Load(folder, options), maxBatchSize);
    }

    /// <inheritdoc />
    public int VocabularySize => _model.Config.VocabSize;

    /// <inheritdoc />
    public int MaxSequenceLength => _model.Config.MaxPositions;

    /// <inheritdoc />
    public int MaxBatchSize => _lengths.Length;

    /// <inheritdoc/>
    /// <remarks>
    /// One prompt per pass on the CPU: a prompt's prefill already fills the cores, and prompts together
    /// are padded to the longest and take the masked attention path (measured: 16 HumanEval prompts
    /// together on the 30 M built-in model cost 6.3x the prefill time per prompt of one at a time). A
    /// GPU gains from filling its batch.
    /// </remarks>
    public int PrefillBatch => _model.Device.type == TorchSharp.DeviceType.CPU ? 1 : MaxBatchSize;

    /// <inheritdoc />
    public string Description { get; }

    /// <inheritdoc />
    public string Batching => "left-padded rows of one KV cache, attention mask over padding, per-row position ids";

    /// <summary>The provider the session runs on (<c>cpu</c> after a fallback).</summary>
    public string Provider { get; }

    /// <summary>Why CUDA could not start, when the session fell back to the CPU; else null.</summary>
    public string? FallbackReason { get; }

    /// <summary>Columns of the shared time axis in use: the longest occupied sequence.</summary>
    public long CacheLength => _cache.Length;

    /// <summary>Columns the KV cache holds without growing.</summary>
    public long CacheCapacity => _cache.Capacity;

    /// <inheritdoc />
    public ReadOnlySpan<float> Prefill(ReadOnlySpan<int> slots, IReadOnlyList<int[]> prompts)
    {
        ArgumentNullException.ThrowIfNull(prompts);
        BatchCallChecks.Prefill(this, slots, prompts, s => _lengths[s] > 0);
        int joining = slots.Length, vocab = VocabularySize;
        if (joining == 0)
        {
            return [];
        }

        long n = prompts.Max(p => p.Length), oldLength = _cache.Length, length = Math.Max(oldLength, n), shift = length - oldLength;
        var (sources, joinRows, newSlots, newPads) = Layout(slots, prompts, shift, length);
        var ids = new long[joining * n];
        var positions = new long[joining * n];
        var pads = new long[joining];
        var totals = new long[joining];
        for (int i = 0; i < joining; i++)
        {
            var prompt = prompts[i];
            pads[i] = n - prompt.Length;
            totals[i] = prompt.Length;
            for (int j = 0; j < prompt.Length; j++)
            {
                ids[i * n + pads[i] + j] = prompt[j];
                positions[i * n + pads[i] + j] = j;
            }
        }

        _cache.Rearrange(sources, shift, length);
        _model.ReservePositions(_cache.Capacity);
        using (no_grad())
        using (NewDisposeScope())
        {
            var rows = tensor(joinRows, [joining]).to(_model.Device);
            var step = new BatchPrefillStep(_model.Config, _cache, rows, pads, positions, totals, n, _model.Device);
            var input = tensor(ids, [ids.Length]).to(_model.Device);
            HostLogits.Copy(_model.Forward(input, step), _logits.AsSpan(0, joining * vocab));
        }

        _rowSlots.Clear();
        _rowPads.Clear();
        _rowSlots.AddRange(newSlots);
        _rowPads.AddRange(newPads);
        for (int i = 0; i < joining; i++)
        {
            _lengths[slots[i]] = prompts[i].Length;
        }

        return _logits.AsSpan(0, joining * vocab);
    }

    /// <inheritdoc />
    public ReadOnlySpan<float> Decode(ReadOnlySpan<int> slots, ReadOnlySpan<int> tokens)
    {
        BatchCallChecks.Decode(this, slots, tokens, _rowSlots);

        int batch = slots.Length;
        if (batch == 0)
        {
            return [];
        }

        var ids = new long[batch];
        var positions = new long[batch];
        for (int i = 0; i < batch; i++)
        {
            BatchCallChecks.Room(this, _lengths[slots[i]] + 1, slots[i]);
            ids[i] = tokens[i];
            positions[i] = _lengths[slots[i]];
        }

        _cache.Reserve(_cache.Length + 1);
        _model.ReservePositions(_cache.Capacity);
        using (no_grad())
        using (NewDisposeScope())
        {
            var step = new BatchDecodeStep(_model.Config, _cache, [.. _rowPads], positions, _model.Device);
            var input = tensor(ids, [batch]).to(_model.Device);
            HostLogits.Copy(_model.Forward(input, step), _logits.AsSpan(0, batch * VocabularySize));
        }

        _cache.Advance();
        foreach (int slot in slots)
        {
            _lengths[slot]++;
        }

        return _logits.AsSpan(0, batch * VocabularySize);
    }

    /// <inheritdoc />
    public void Release(int slot)
    {
        if ((uint)slot >= (uint)MaxBatchSize)
        {
            throw new ArgumentException($"Slot {slot} is outside 0..{MaxBatchSize - 1}.", nameof(slot));
        }

        int row = _rowSlots.IndexOf(slot);
        if (row < 0)
        {
            return;
        }

        _rowSlots.RemoveAt(row);
        _rowPads.RemoveAt(row);
        _lengths[slot] = 0;

        // Columns that are padding in every remaining row carry nothing: drop them, so the time axis
        // stays as long as the longest remaining sequence (never past the context).
        long trim = _rowPads.Count == 0 ? _cache.Length : _rowPads.Min();
        var sources = Enumerable.Range(0, _rowSlots.Count).Select(r => r < row ? r : r + 1).ToArray();
        _cache.Rearrange(sources, -trim, _cache.Length - trim);
        for (int r = 0; r < _rowPads.Count; r++)
        {
            _rowPads[r] -= trim;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _cache.Dispose();
        _model.Dispose();
    }

    // The rows after a join: occupied and joining slots ascending. For each row, the old row it keeps
    // (-1 for a joining one) and its padding; for each prompt, its row.
    private (int[] Sources, long[] JoinRows, int[] Slots, long[] Pads) Layout(ReadOnlySpan<int> slots, IReadOnlyList<int[]> prompts, long shift, long length)
    {
        var joiningAt = new Dictionary<int, int>();
        for (int i = 0; i < slots.Length; i++)
        {
            joiningAt[slots[i]] = i;
        }

        var newSlots = _rowSlots.Concat(joiningAt.Keys).Order().ToArray();
        var sources = new int[newSlots.Length];
        var pads = new long[newSlots.Length];
        var joinRows = new long[slots.Length];
        for (int r = 0; r < newSlots.Length; r++)
        {
            if (joiningAt.TryGetValue(newSlots[r], out int prompt))
            {
                (sources[r], pads[r], joinRows[prompt]) = (-1, length - prompts[prompt].Length, r);
            }
            else
            {
                int old = _rowSlots.IndexOf(newSlots[r]);
                (sources[r], pads[r]) = (old, _rowPads[old] + shift);
            }
        }

        return (sources, joinRows, newSlots, pads);
    }

}

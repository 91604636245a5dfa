using static TorchSharp.torch;

namespace EnergyGate.Runtimes.Torch;

/// <summary>
/// Keys and values of every layer in preallocated [1, kv heads, capacity, head dim] tensors that
/// each step writes into in place. Capacity doubles (up to the context) only when a sequence
/// outgrows it, so decoding a token allocates no cache memory and memory follows the longest
/// sequence seen, not the model's maximum context.
/// </summary>
internal sealed class KvCache : IDisposable
{
    private const int InitialCapacity = 256;
    private readonly Tensor?[] _keys;
    private readonly Tensor?[] _values;
    private readonly long _kvHeads, _headDim, _maxLength;
    private readonly ScalarType _dtype;
    private readonly Device _device;
    private long _capacity;

    public KvCache(int layers, int kvHeads, int headDim, int maxLength, ScalarType dtype, Device device)
    {
        _keys = new Tensor?[layers];
        _values = new Tensor?[layers];
        (_kvHeads, _headDim, _maxLength, _dtype, _device) = (kvHeads, headDim, maxLength, dtype, device);
    }

    /// <summary>Positions the buffers can hold now.</summary>
    public long Capacity => _capacity;

    /// <summary>Makes room for <paramref name="length"/> positions, keeping the first <paramref name="keep"/>. Call outside a dispose scope.</summary>
    public void Reserve(long length, long keep)
    {
        if (length <= _capacity)
        {
            return;
        }

        long grown = Math.Min(_maxLength, Math.Max(length, Math.Max(InitialCapacity, 2 * _capacity)));
        for (int layer = 0; layer < _keys.Length; layer++)
        {
            _keys[layer] = Grow(_keys[layer], grown, keep);
            _values[layer] = Grow(_values[layer], grown, keep);
        }

        _capacity = grown;
    }

    /// <summary>Writes a step's keys and values ([1, kv heads, n, head dim]) at <paramref name="start"/>.</summary>
    public void Write(int layer, Tensor keys, Tensor values, long start)
    {
        long n = keys.shape[2];
        _keys[layer]!.narrow(2, start, n).copy_(keys);
        _values[layer]!.narrow(2, start, n).copy_(values);
    }

    /// <summary>Views of the first <paramref name="length"/> positions of a layer (dispose with the step's scope).</summary>
    public (Tensor Keys, Tensor Values) Read(int layer, long length) =>
        (_keys[layer]!.narrow(2, 0, length), _values[layer]!.narrow(2, 0, length));

    public void Dispose()
    {
        foreach (var t in _keys.Concat(_values))
        {
            t?.Dispose();
        }

        Array.Clear(_keys);
        Array.Clear(_values);
        _capacity = 0;
    }

    private Tensor Grow(Tensor? old, long capacity, long keep)
    {
        var grown = zeros([1, _kvHeads, capacity, _headDim], _dtype, _device);
        if (old is not null)
        {
            if (keep > 0)
            {
                using var target = grown.narrow(2, 0, keep);
                using var source = old.narrow(2, 0, keep);
                target.copy_(source);
            }

            old.Dispose();
        }

        return grown;
    }
}

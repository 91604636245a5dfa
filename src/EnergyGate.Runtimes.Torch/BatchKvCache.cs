using static TorchSharp.torch;

namespace EnergyGate.Runtimes.Torch;

/// <summary>
/// Keys and values of several sequences: per layer one [rows, kv heads, capacity, head dim] tensor
/// whose first <see cref="Length"/> columns are a time axis the rows share. Each row is left-padded
/// (its sequence ends at the last column), so a decode step writes one column for every row in place;
/// capacity doubles (up to the context) only when the longest row outgrows it. A sequence joining or
/// leaving lays the rows out anew once (<see cref="Rearrange"/>).
/// </summary>
internal sealed class BatchKvCache : IDisposable
{
    private const int InitialCapacity = 256;
    private readonly Tensor?[] _keys;
    private readonly Tensor?[] _values;
    private readonly long _kvHeads, _headDim, _maxLength;
    private readonly ScalarType _dtype;
    private readonly Device _device;

    public BatchKvCache(int layers, int kvHeads, int headDim, int maxLength, ScalarType dtype, Device device)
    {
        _keys = new Tensor?[layers];
        _values = new Tensor?[layers];
        (_kvHeads, _headDim, _maxLength, _dtype, _device) = (kvHeads, headDim, maxLength, dtype, device);
    }

    /// <summary>Sequences (rows) held.</summary>
    public int Rows { get; private set; }

    /// <summary>Columns of the shared time axis in use.</summary>
    public long Length { get; private set; }

    /// <summary>Columns the buffers hold without growing.</summary>
    public long Capacity { get; private set; }

    /// <summary>
    /// Lays the cache out for <paramref name="sources"/>.Count rows: new row i keeps old row
    /// <paramref name="sources"/>[i] with its columns moved by <paramref name="shift"/> (positive: padding
    /// put in front; negative: leading padding trimmed), or starts as zeros where it is -1 (a joining
    /// sequence, written by the step that prefills it). The time axis becomes <paramref name="length"/>
    /// columns. Call outside a dispose scope.
    /// </summary>
    public void Rearrange(IReadOnlyList<int> sources, long shift, long length)
    {
        int rows = sources.Count;
        if (rows == 0)
        {
            Dispose();
            return;
        }

        long capacity = Math.Min(_maxLength, Math.Max(length, Math.Max(Capacity, InitialCapacity)));
        var kept = Enumerable.Range(0, rows).Where(i => sources[i] >= 0).ToArray();
        long from = Math.Max(0, -shift), count = Length - from;
        using var newRows = OnDevice([.. kept.Select(i => (long)i)]);
        using var oldRows = OnDevice([.. kept.Select(i => (long)sources[i])]);
        for (int layer = 0; layer < _keys.Length; layer++)
        {
            _keys[layer] = Move(_keys[layer], rows, capacity, kept.Length > 0 && count > 0, oldRows, newRows, from, shift, count);
            _values[layer] = Move(_values[layer], rows, capacity, kept.Length > 0 && count > 0, oldRows, newRows, from, shift, count);
        }

        (Rows, Length, Capacity) = (rows, length, capacity);
    }

    /// <summary>Makes room for <paramref name="length"/> columns, keeping every row's. Call outside a dispose scope.</summary>
    public void Reserve(long length)
    {
        if (length <= Capacity || Rows == 0)
        {
            return;
        }

        long grown = Math.Min(_maxLength, Math.Max(length, 2 * Capacity));
        for (int layer = 0; layer < _keys.Length; layer++)
        {
            _keys[layer] = Grow(_keys[layer]!, grown);
            _values[layer] = Grow(_values[layer]!, grown);
        }

        Capacity = grown;
    }

    /// <summary>Writes one decode step's keys and values ([rows, kv heads, 1, head dim]) in column <see cref="Length"/>.</summary>
    public void Append(int layer, Tensor keys, Tensor values)
    {
        _keys[layer]!.narrow(2, Length, 1).copy_(keys);
        _values[layer]!.narrow(2, Length, 1).copy_(values);
    }

    /// <summary>Takes the column every layer's <see cref="Append"/> wrote into the time axis.</summary>
    public void Advance() => Length++;

    /// <summary>Writes joining rows' keys and values ([joining, kv heads, n, head dim]) into rows <paramref name="rows"/>, in the last n columns.</summary>
    public void WriteRows(int layer, Tensor rows, Tensor keys, Tensor values)
    {
        long n = keys.shape[2];
        _keys[layer]!.narrow(2, Length - n, n).index_copy_(0, rows, keys);
        _values[layer]!.narrow(2, Length - n, n).index_copy_(0, rows, values);
    }

    /// <summary>Views of every row's first <paramref name="length"/> columns (dispose with the step's scope).</summary>
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
        (Rows, Length, Capacity) = (0, 0, 0);
    }

    private Tensor Move(Tensor? old, int rows, long capacity, bool copy, Tensor oldRows, Tensor newRows, long from, long shift, long count)
    {
        // Zeros, not empty: padding columns are read (and masked) by attention, so they must be finite.
        var laid = zeros([rows, _kvHeads, capacity, _headDim], _dtype, _device);
        if (old is not null)
        {
            if (copy)
            {
                using var source = old.narrow(2, from, count);
                using var picked = source.index_select(0, oldRows);
                using var target = laid.narrow(2, from + shift, count);
                target.index_copy_(0, newRows, picked);
            }

            old.Dispose();
        }

        return laid;
    }

    // Outside a dispose scope, so the host copy is disposed here.
    private Tensor OnDevice(long[] values)
    {
        using var host = tensor(values, [values.Length]);
        return host.to(_device);
    }

    private Tensor Grow(Tensor old, long capacity)
    {
        var grown = zeros([old.shape[0], _kvHeads, capacity, _headDim], _dtype, _device);
        using (var target = grown.narrow(2, 0, Length))
        using (var source = old.narrow(2, 0, Length))
        {
            target.copy_(source);
        }

        old.Dispose();
        return grown;
    }
}

namespace EnergyGate.Runtimes.Onnx;

/// <summary>
/// Which slot each row of the batch KV tensors holds (rows in ascending slot order), each row's real
/// length, and the tensors' column count: a row's real tokens are its last columns, the ones before
/// are padding. A released row stays until the next rebuild (<see cref="HasLeaves"/>), so several
/// leaves and a join cost one copy of the caches together.
/// </summary>
internal sealed class BatchRows
{
    private readonly int[] _slot, _length, _rowOfSlot;
    private readonly bool[] _gone;

    public BatchRows(int maxBatch)
    {
        _slot = new int[maxBatch];
        _length = new int[maxBatch];
        _gone = new bool[maxBatch];
        _rowOfSlot = new int[maxBatch];
        Array.Fill(_rowOfSlot, -1);
    }

    /// <summary>Rows in the KV tensors, released ones included until the next rebuild.</summary>
    public int Count { get; private set; }

    /// <summary>Columns of the KV tensors: the longest row's length (shorter rows are left-padded).</summary>
    public int Columns { get; private set; }

    /// <summary>Rows that are still in the tensors but whose slot was released.</summary>
    public bool HasLeaves { get; private set; }

    /// <summary>Rows whose slot is still occupied.</summary>
    public int Live { get; private set; }

    public int Slot(int row) => _slot[row];

    public int Length(int row) => _length[row];

    public int Pad(int row) => Columns - _length[row];

    public bool Gone(int row) => _gone[row];

    public bool IsOccupied(int slot) => _rowOfSlot[slot] >= 0;

    /// <summary>Frees <paramref name="slot"/>; its row leaves the tensors at the next rebuild.</summary>
    public void Leave(int slot)
    {
        int row = _rowOfSlot[slot];
        if (row < 0)
        {
            return;
        }

        _rowOfSlot[slot] = -1;
        _gone[row] = true;
        HasLeaves = true;
        Live--;
    }

    /// <summary>After a decode step: every row gained one column.</summary>
    public void Advance()
    {
        Columns++;
        for (int row = 0; row < Count; row++)
        {
            _length[row]++;
        }
    }

    /// <summary>After a rebuild: the tensors now hold <paramref name="slots"/> (ascending) with these lengths.</summary>
    public void Replace(ReadOnlySpan<int> slots, ReadOnlySpan<int> lengths)
    {
        Array.Fill(_rowOfSlot, -1);
        Count = Live = slots.Length;
        Columns = 0;
        HasLeaves = false;
        for (int row = 0; row < slots.Length; row++)
        {
            _slot[row] = slots[row];
            _length[row] = lengths[row];
            _gone[row] = false;
            _rowOfSlot[slots[row]] = row;
            Columns = Math.Max(Columns, lengths[row]);
        }
    }
}

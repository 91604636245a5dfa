using Microsoft.ML.OnnxRuntime.Tensors;

namespace EnergyGate.Runtimes.Onnx;

/// <summary>
/// Moves one sequence's KV columns between batch tensors of one cache slot, laid out
/// [rows, heads, columns, head_dim] or, stacked, [2, rows, heads, columns, head_dim]. A row's real
/// columns are always its last ones (left padding), so a row moves as one contiguous run of bytes per
/// head, and its leading padding columns are zeroed.
/// </summary>
/// <remarks>
/// Padding columns are masked, but masked attention still multiplies their values by a probability of
/// exactly 0; zeros keep that product 0, where whatever a padded position left there (or uninitialized
/// memory) could be NaN and turn 0 * NaN into NaN in a real row.
/// </remarks>
internal readonly record struct BatchKvRows(int Outer, int Heads, int ColumnBytes)
{
    /// <summary>The geometry of <paramref name="slot"/>, from its empty (batch 1, past 0) shape.</summary>
    public static BatchKvRows Of(KvSlot slot, OnnxKvLayout layout)
    {
        var shape = slot.EmptyShape;
        bool stacked = layout == OnnxKvLayout.StackedKeyValue;
        int elementBytes = slot.Type == TensorElementType.Float ? 4 : 2;
        return new BatchKvRows(stacked ? 2 : 1, (int)shape[^3], (int)shape[^1] * elementBytes);
    }

    /// <summary>
    /// Writes the last <paramref name="length"/> columns of <paramref name="srcRow"/> in
    /// <paramref name="src"/> ([<paramref name="srcRows"/>, .., <paramref name="srcColumns"/>, ..]) as the last
    /// columns of <paramref name="dstRow"/> in <paramref name="dst"/>, and zeroes the columns before them.
    /// </summary>
    public void Copy(Span<byte> dst, int dstRows, int dstColumns, int dstRow,
        ReadOnlySpan<byte> src, int srcRows, int srcColumns, int srcRow, int length)
    {
        int pad = dstColumns - length;
        for (int outer = 0; outer < Outer; outer++)
        {
            for (int head = 0; head < Heads; head++)
            {
                var to = dst.Slice(Offset(outer, dstRows, dstRow, head, dstColumns), dstColumns * ColumnBytes);
                to[..(pad * ColumnBytes)].Clear();
                src.Slice(Offset(outer, srcRows, srcRow, head, srcColumns) + ((srcColumns - length) * ColumnBytes), length * ColumnBytes)
                    .CopyTo(to[(pad * ColumnBytes)..]);
            }
        }
    }

    /// <summary>Zeroes the first <paramref name="columns"/> - <paramref name="length"/> columns of <paramref name="row"/> in place.</summary>
    public void ClearPadding(Span<byte> tensor, int rows, int columns, int row, int length)
    {
        int padBytes = (columns - length) * ColumnBytes;
        for (int outer = 0; outer < Outer && padBytes > 0; outer++)
        {
            for (int head = 0; head < Heads; head++)
            {
                tensor.Slice(Offset(outer, rows, row, head, columns), padBytes).Clear();
            }
        }
    }

    private int Offset(int outer, int rows, int row, int head, int columns) =>
        checked((((((outer * rows) + row) * Heads) + head) * columns) * ColumnBytes);
}

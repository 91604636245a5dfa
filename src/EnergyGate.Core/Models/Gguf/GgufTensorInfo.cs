namespace EnergyGate.Core.Models.Gguf;

/// <summary>One tensor's entry in a GGUF header.</summary>
/// <param name="Name">The tensor's name, e.g. <c>blk.0.attn_q.weight</c>.</param>
/// <param name="Dimensions">
/// ggml's <c>ne</c>: innermost (contiguous) dimension first, the reverse of a numpy or torch shape.
/// </param>
/// <param name="Type">Element type.</param>
/// <param name="Offset">Offset of the data from the start of the data section.</param>
public sealed record GgufTensorInfo(string Name, IReadOnlyList<long> Dimensions, GgmlType Type, ulong Offset)
{
    /// <summary>The dimensions in numpy / torch order (outermost first).</summary>
    public IReadOnlyList<long> Shape => [.. Dimensions.Reverse()];

    /// <summary>Number of elements.</summary>
    public long ElementCount => Dimensions.Aggregate(1L, (a, b) => checked(a * b));

    /// <summary>Bytes of the data, or null where <see cref="GgmlTypes"/> does not know the type.</summary>
    public long? ByteSize => GgmlTypes.ByteSize(Type, ElementCount);
}

namespace EnergyGate.Core.Models.Gguf;

/// <summary>
/// Element types of GGUF tensors by their ids in ggml.h (<c>ggml_type</c>); ids that ggml retired
/// (4, 5, 31-33, 36-38) are absent, and a reader keeps an unknown id as its number.
/// </summary>
public enum GgmlType : uint
{
// The names are ggml's own (underscores included, so they match its docs and tools); each is documented there.
#pragma warning disable CS1591, CA1707
    F32 = 0,
    F16 = 1,
    Q4_0 = 2,
    Q4_1 = 3,
    Q5_0 = 6,
    Q5_1 = 7,
    Q8_0 = 8,
    Q8_1 = 9,
    Q2_K = 10,
    Q3_K = 11,
    Q4_K = 12,
    Q5_K = 13,
    Q6_K = 14,
    Q8_K = 15,
    IQ2_XXS = 16,
    IQ2_XS = 17,
    IQ3_XXS = 18,
    IQ1_S = 19,
    IQ4_NL = 20,
    IQ3_S = 21,
    IQ2_S = 22,
    IQ4_XS = 23,
    I8 = 24,
    I16 = 25,
    I32 = 26,
    I64 = 27,
    F64 = 28,
    IQ1_M = 29,
    BF16 = 30,
    TQ1_0 = 34,
    TQ2_0 = 35,
    MXFP4 = 39,
#pragma warning restore CS1591, CA1707
}

/// <summary>Storage facts of <see cref="GgmlType"/> values.</summary>
public static class GgmlTypes
{
    /// <summary>
    /// Elements per block and bytes per block of <paramref name="type"/> (ggml's type traits), or null
    /// where this table does not know the type; a size check is then skipped rather than guessed.
    /// </summary>
    public static (int BlockElements, int BlockBytes)? BlockLayout(GgmlType type) => type switch
    {
        GgmlType.F32 or GgmlType.I32 => (1, 4),
        GgmlType.F16 or GgmlType.BF16 or GgmlType.I16 => (1, 2),
        GgmlType.I8 => (1, 1),
        GgmlType.I64 or GgmlType.F64 => (1, 8),
        // Legacy quants: 32 elements with an fp16 scale (and fp16 min or 32 high bits).
        GgmlType.Q4_0 => (32, 18),
        GgmlType.Q4_1 => (32, 20),
        GgmlType.Q5_0 => (32, 22),
        GgmlType.Q5_1 => (32, 24),
        GgmlType.Q8_0 => (32, 34),
        GgmlType.Q8_1 => (32, 36),
        // K-quants: super-blocks of 256 (QK_K).
        GgmlType.Q2_K => (256, 84),
        GgmlType.Q3_K => (256, 110),
        GgmlType.Q4_K => (256, 144),
        GgmlType.Q5_K => (256, 176),
        GgmlType.Q6_K => (256, 210),
        GgmlType.Q8_K => (256, 292),
        _ => null,
    };

    /// <summary>Bytes that <paramref name="elements"/> elements of <paramref name="type"/> take, or null where unknown.</summary>
    public static long? ByteSize(GgmlType type, long elements) =>
        BlockLayout(type) is { } layout ? elements / layout.BlockElements * layout.BlockBytes : null;
}

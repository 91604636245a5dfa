namespace EnergyGate.Core.Models.Gguf;

/// <summary>The type tag of a GGUF metadata value (<c>gguf_type</c> in ggml's gguf.h).</summary>
// The members name the wire types as gguf.h does (GGUF_TYPE_UINT32 ...), which is what CA1720 objects to.
#pragma warning disable CA1720
public enum GgufValueType : uint
{
    /// <summary>Unsigned 8-bit integer.</summary>
    UInt8 = 0,

    /// <summary>Signed 8-bit integer.</summary>
    Int8 = 1,

    /// <summary>Unsigned 16-bit integer.</summary>
    UInt16 = 2,

    /// <summary>Signed 16-bit integer.</summary>
    Int16 = 3,

    /// <summary>Unsigned 32-bit integer.</summary>
    UInt32 = 4,

    /// <summary>Signed 32-bit integer.</summary>
    Int32 = 5,

    /// <summary>IEEE 754 single precision.</summary>
    Float32 = 6,

    /// <summary>One byte, 0 or 1.</summary>
    Bool = 7,

    /// <summary>UTF-8 bytes after a 64-bit length, not terminated.</summary>
    String = 8,

    /// <summary>An element type, a 64-bit count, then the elements.</summary>
    Array = 9,

    /// <summary>Unsigned 64-bit integer.</summary>
    UInt64 = 10,

    /// <summary>Signed 64-bit integer.</summary>
    Int64 = 11,

    /// <summary>IEEE 754 double precision.</summary>
    Float64 = 12,
}
#pragma warning restore CA1720

/// <summary>One metadata key and its value.</summary>
/// <param name="Key">The key, e.g. <c>general.architecture</c>.</param>
/// <param name="Type">The value's type tag.</param>
/// <param name="Value">
/// The value as its CLR type (<see cref="uint"/>, <see cref="float"/>, <see cref="bool"/>,
/// <see cref="string"/>, ...); for <see cref="GgufValueType.Array"/> a <see cref="GgufArray"/>.
/// </param>
public sealed record GgufMetadataEntry(string Key, GgufValueType Type, object Value);

/// <summary>A metadata array: its element type and the elements as a typed CLR array (e.g. <c>string[]</c>).</summary>
/// <param name="ElementType">Type of every element.</param>
/// <param name="Values">The elements, e.g. <c>string[]</c>, <c>int[]</c> or <c>float[]</c>.</param>
public sealed record GgufArray(GgufValueType ElementType, Array Values);

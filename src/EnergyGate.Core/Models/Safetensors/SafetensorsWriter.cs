using System.Buffers.Binary;
using System.Text;
using System.Text.Json;

namespace EnergyGate.Core.Models.Safetensors;

/// <summary>
/// Writes fp32 tensors in the safetensors format: an 8-byte little-endian header length, a JSON
/// header (<c>{"name": {"dtype": "F32", "shape": [...], "data_offsets": [begin, end]}}</c> plus
/// <c>__metadata__</c>) padded with spaces so the data starts 8-byte aligned, then the bytes.
/// </summary>
public static class SafetensorsWriter
{
    /// <summary>
    /// Writes <paramref name="tensors"/> (name, shape, fp32 little-endian bytes) in name order, so the
    /// same tensors always give the same file.
    /// </summary>
    public static void Write(Stream output, IEnumerable<(string Name, long[] Shape, byte[] Bytes)> tensors,
        IReadOnlyDictionary<string, string>? metadata = null) => Write(output, tensors, metadata, "F32");

    /// <summary>
    /// As <see cref="Write(Stream, IEnumerable{ValueTuple{string, long[], byte[]}}, IReadOnlyDictionary{string, string}?)"/>
    /// with elements of <paramref name="dtype"/>: <c>F32</c> or <c>F16</c> (the shipped weights of <c>builtin:coder</c>).
    /// </summary>
    public static void Write(Stream output, IEnumerable<(string Name, long[] Shape, byte[] Bytes)> tensors,
        IReadOnlyDictionary<string, string>? metadata, string dtype)
    {
        int elementSize = dtype switch
        {
            "F32" => sizeof(float),
            "F16" => 2,
            _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "F32 or F16."),
        };
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(tensors);
        var ordered = tensors.OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
        using var header = new MemoryStream();
        using (var json = new Utf8JsonWriter(header))
        {
            json.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                json.WriteStartObject("__metadata__");
                foreach (var (key, value) in metadata.OrderBy(m => m.Key, StringComparer.Ordinal))
                {
                    json.WriteString(key, value);
                }

                json.WriteEndObject();
            }

            long offset = 0;
            foreach (var (name, shape, bytes) in ordered)
            {
                if (shape.Aggregate(1L, (a, b) => a * b) * elementSize != bytes.LongLength)
                {
                    throw new ArgumentException($"Tensor '{name}' has {bytes.LongLength} bytes, not what shape [{string.Join(", ", shape)}] needs.", nameof(tensors));
                }

                json.WriteStartObject(name);
                json.WriteString("dtype", dtype);
                json.WriteStartArray("shape");
                foreach (long d in shape)
                {
                    json.WriteNumberValue(d);
                }

                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                json.WriteNumberValue(offset += bytes.LongLength);
                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        int padding = (int)((8 - header.Length % 8) % 8);
        Span<byte> length = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)(header.Length + padding));
        output.Write(length);
        header.WriteTo(output);
        output.Write(Encoding.ASCII.GetBytes(new string(' ', padding)));
        foreach (var t in ordered)
        {
            output.Write(t.Bytes);
        }
    }
}

using System.Buffers.Binary;
using System.Text.Json;

namespace EnergyGate.Core.Models.Safetensors;

/// <summary>One tensor's entry in a safetensors header.</summary>
/// <param name="Name">Tensor name.</param>
/// <param name="DType">Element type as the format spells it (F32, F16, BF16, I64...).</param>
/// <param name="Shape">Dimensions, row-major.</param>
/// <param name="Begin">Start of the bytes, relative to the end of the header.</param>
/// <param name="End">End of the bytes (exclusive), relative to the end of the header.</param>
public sealed record SafetensorsEntry(string Name, string DType, long[] Shape, long Begin, long End);

/// <summary>The parsed header of a safetensors file, checked against the file's size.</summary>
/// <param name="Path">The file.</param>
/// <param name="DataStart">Offset in the file where tensor data starts (8 + header length).</param>
/// <param name="Entries">Tensors by name.</param>
/// <param name="Metadata">The <c>__metadata__</c> strings, empty when absent.</param>
public sealed record SafetensorsFile(string Path, long DataStart,
    IReadOnlyDictionary<string, SafetensorsEntry> Entries, IReadOnlyDictionary<string, string> Metadata)
{
    /// <summary>Reads and validates the header of <paramref name="path"/>.</summary>
    /// <exception cref="EnergyGateException">The header is malformed or points outside the file.</exception>
    public static SafetensorsFile Open(string path)
    {
        using var file = File.OpenRead(path);
        Span<byte> lengthBytes = stackalloc byte[8];
        file.ReadExactly(lengthBytes);
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(lengthBytes);
        if (headerLength > 100_000_000 || 8 + (long)headerLength > file.Length)
        {
            throw Bad(path, $"header length {headerLength} does not fit the file ({file.Length} bytes)");
        }

        var header = new byte[headerLength];
        file.ReadExactly(header);
        var entries = new Dictionary<string, SafetensorsEntry>(StringComparer.Ordinal);
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        long dataLength = file.Length - 8 - (long)headerLength;
        using var doc = JsonDocument.Parse(header);
        foreach (var property in doc.RootElement.EnumerateObject())
        {
            if (property.Name == "__metadata__")
            {
                foreach (var m in property.Value.EnumerateObject())
                {
                    metadata[m.Name] = m.Value.GetString() ?? "";
                }

                continue;
            }

            var v = property.Value;
            var offsets = v.GetProperty("data_offsets").EnumerateArray().Select(o => o.GetInt64()).ToArray();
            if (offsets.Length != 2)
            {
                throw Bad(path, $"tensor '{property.Name}' needs two data_offsets");
            }

            var entry = new SafetensorsEntry(property.Name, v.GetProperty("dtype").GetString() ?? "",
                v.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()).ToArray(), offsets[0], offsets[1]);
            long expected = entry.Shape.Aggregate(1L, (a, b) => a * b) * ElementSize(entry.DType);
            if (entry.Begin < 0 || entry.End > dataLength || entry.End - entry.Begin != expected)
            {
                throw Bad(path, $"tensor '{entry.Name}' has offsets [{entry.Begin}, {entry.End}] that do not match its shape or the file");
            }

            entries.Add(entry.Name, entry);
        }

        return new SafetensorsFile(path, 8 + (long)headerLength, entries, metadata);
    }

    /// <summary>The raw bytes of tensor <paramref name="name"/>.</summary>
    public byte[] ReadBytes(string name)
    {
        var entry = Entries.TryGetValue(name, out var e) ? e : throw Bad(Path, $"no tensor named '{name}'");
        using var file = File.OpenRead(Path);
        file.Position = DataStart + entry.Begin;
        var bytes = new byte[entry.End - entry.Begin];
        file.ReadExactly(bytes);
        return bytes;
    }

    private static long ElementSize(string dtype) => dtype switch
    {
        "F64" or "I64" or "U64" => 8,
        "F32" or "I32" or "U32" => 4,
        "F16" or "BF16" or "I16" or "U16" => 2,
        "I8" or "U8" or "BOOL" or "F8_E4M3" or "F8_E5M2" => 1,
        _ => throw new EnergyGateException($"EG2011: safetensors dtype '{dtype}' is not supported."),
    };

    private static EnergyGateException Bad(string path, string what) =>
        new($"EG2011: {path} is not a valid safetensors file: {what}.");
}

using System.Text;

namespace EnergyGate.Core.Models.Gguf;

/// <summary>
/// Collects metadata and tensors and writes them as a GGUF v3 file (little-endian): header, metadata
/// in insertion order, tensor infos, then each tensor's data at a multiple of the alignment.
/// </summary>
/// <remarks>Format: ggml's docs/gguf.md. The same calls always give the same bytes.</remarks>
public sealed class GgufWriter
{
    /// <summary>The format version written.</summary>
    public const uint Version = 3;

    /// <summary>The alignment readers assume when <c>general.alignment</c> is absent.</summary>
    public const uint DefaultAlignment = 32;

    private readonly List<GgufMetadataEntry> _metadata = [];
    private readonly List<(string Name, long[] Shape, GgmlType Type, byte[] Data)> _tensors = [];

    /// <summary>Adds an unsigned 32-bit value.</summary>
    public void AddUInt32(string key, uint value) => Add(key, GgufValueType.UInt32, value);

    /// <summary>Adds a signed 32-bit value.</summary>
    public void AddInt32(string key, int value) => Add(key, GgufValueType.Int32, value);

    /// <summary>Adds a single-precision value.</summary>
    public void AddFloat32(string key, float value) => Add(key, GgufValueType.Float32, value);

    /// <summary>Adds a boolean.</summary>
    public void AddBool(string key, bool value) => Add(key, GgufValueType.Bool, value);

    /// <summary>Adds a UTF-8 string.</summary>
    public void AddString(string key, string value) => Add(key, GgufValueType.String, value);

    /// <summary>Adds an array of strings.</summary>
    public void AddStringArray(string key, IEnumerable<string> values) =>
        Add(key, GgufValueType.Array, new GgufArray(GgufValueType.String, values.ToArray()));

    /// <summary>Adds an array of signed 32-bit values.</summary>
    public void AddInt32Array(string key, IEnumerable<int> values) =>
        Add(key, GgufValueType.Array, new GgufArray(GgufValueType.Int32, values.ToArray()));

    /// <summary>Adds an array of single-precision values.</summary>
    public void AddFloat32Array(string key, IEnumerable<float> values) =>
        Add(key, GgufValueType.Array, new GgufArray(GgufValueType.Float32, values.ToArray()));

    /// <summary>
    /// Adds a tensor. <paramref name="shape"/> is in numpy / torch order (outermost first); the file
    /// stores it reversed, as ggml's <c>ne</c>. <paramref name="data"/> holds the little-endian elements.
    /// </summary>
    public void AddTensor(string name, IReadOnlyList<long> shape, GgmlType type, byte[] data)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(data);
        if (_tensors.Any(t => t.Name == name))
        {
            throw new ArgumentException($"Tensor '{name}' was already added.", nameof(name));
        }

        long elements = shape.Aggregate(1L, (a, b) => checked(a * b));
        long expected = GgmlTypes.ByteSize(type, elements)
            ?? throw new ArgumentException($"Writing {type} tensors is not supported.", nameof(type));
        if (data.LongLength != expected)
        {
            throw new ArgumentException($"Tensor '{name}': {data.LongLength} bytes, but {type} [{string.Join(", ", shape)}] takes {expected}.", nameof(data));
        }

        _tensors.Add((name, [.. shape], type, data));
    }

    /// <summary>Writes the file to <paramref name="path"/> through a temporary file and a rename, so a reader never sees half a file.</summary>
    public void WriteFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temp = full + ".tmp-" + Guid.NewGuid().ToString("N");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20))
            {
                WriteTo(stream);
            }

            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>Writes the file to <paramref name="output"/>.</summary>
    public void WriteTo(Stream output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var metadata = _metadata.ToList();
        uint alignment = DefaultAlignment;
        if (metadata.FirstOrDefault(m => m.Key == "general.alignment") is { Value: uint chosen })
        {
            alignment = chosen;
        }
        else
        {
            // Written even at the default so the file states the alignment its data obeys.
            metadata.Add(new GgufMetadataEntry("general.alignment", GgufValueType.UInt32, alignment));
        }

        // The header goes through memory so its length (and the padding after it) is known without
        // asking the output for its position, which a pipe cannot answer.
        using var header = new MemoryStream();
        using var w = new BinaryWriter(header, Encoding.UTF8, leaveOpen: true);
        w.Write("GGUF"u8);
        w.Write(Version);
        w.Write((ulong)_tensors.Count);
        w.Write((ulong)metadata.Count);
        foreach (var entry in metadata)
        {
            WriteString(w, entry.Key);
            w.Write((uint)entry.Type);
            WriteValue(w, entry.Type, entry.Value);
        }

        ulong offset = 0;
        foreach (var (name, shape, type, data) in _tensors)
        {
            WriteString(w, name);
            w.Write((uint)shape.Length);
            for (int i = shape.Length - 1; i >= 0; i--)
            {
                w.Write((ulong)shape[i]);
            }

            w.Write((uint)type);
            w.Write(offset);
            offset = Align(offset + (ulong)data.LongLength, alignment);
        }

        w.Flush();
        header.WriteTo(output);
        Pad(output, header.Length, alignment);
        foreach (var tensor in _tensors)
        {
            output.Write(tensor.Data);
            Pad(output, tensor.Data.LongLength, alignment);
        }

        output.Flush();
    }

    private void Add(string key, GgufValueType type, object value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(value);
        if (_metadata.Any(m => m.Key == key))
        {
            throw new ArgumentException($"Metadata key '{key}' was already added.", nameof(key));
        }

        if (key == "general.alignment" && (value is not uint a || a == 0 || a % 8 != 0))
        {
            throw new ArgumentException("general.alignment must be a uint32 multiple of 8.", nameof(value));
        }

        _metadata.Add(new GgufMetadataEntry(key, type, value));
    }

    private static void WriteValue(BinaryWriter w, GgufValueType type, object value)
    {
        switch (type)
        {
            case GgufValueType.UInt32: w.Write((uint)value); break;
            case GgufValueType.Int32: w.Write((int)value); break;
            case GgufValueType.Float32: w.Write((float)value); break;
            case GgufValueType.Bool: w.Write((byte)((bool)value ? 1 : 0)); break;
            case GgufValueType.String: WriteString(w, (string)value); break;
            case GgufValueType.Array:
                var array = (GgufArray)value;
                w.Write((uint)array.ElementType);
                w.Write((ulong)array.Values.LongLength);
                foreach (var element in array.Values)
                {
                    WriteValue(w, array.ElementType, element!);
                }

                break;
            default: throw new NotSupportedException($"Writing metadata of type {type} is not supported.");
        }
    }

    // gguf_string: a uint64 byte count, then UTF-8 without a terminator.
    private static void WriteString(BinaryWriter w, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        w.Write((ulong)bytes.LongLength);
        w.Write(bytes);
    }

    // Every part before the padding starts at a multiple of the alignment, so its length alone decides the padding.
    private static void Pad(Stream output, long length, uint alignment)
    {
        long padding = (long)Align((ulong)length, alignment) - length;
        output.Write(new byte[padding]);
    }

    internal static ulong Align(ulong value, uint alignment) => (value + alignment - 1) / alignment * alignment;
}

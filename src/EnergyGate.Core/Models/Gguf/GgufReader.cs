using System.Text;

namespace EnergyGate.Core.Models.Gguf;

/// <summary>
/// Reads the header of a GGUF file (versions 2 and 3, little-endian): metadata and tensor infos,
/// not the tensor data. Every refusal is EG2060 naming the file, the offset or key, and what was expected.
/// </summary>
public static class GgufReader
{
    // Far above any real header; a corrupt length must not make us allocate gigabytes.
    private const long MaxStringBytes = 1L << 24;
    private const int MaxDimensions = 8;

    /// <summary>Reads the header of <paramref name="path"/>.</summary>
    /// <exception cref="EnergyGateException">EG2060: the file is missing, not GGUF, truncated or lacks a required key.</exception>
    public static GgufHeader ReadHeader(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        FileStream file;
        try
        {
            file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new EnergyGateException($"EG2060: GGUF file {path}: cannot be opened: {e.Message}", e);
        }

        using (file)
        {
            return Read(new GgufCursor(file, path));
        }
    }

    private static GgufHeader Read(GgufCursor c)
    {
        var magic = c.Bytes(4, "the magic");
        if (!magic.AsSpan().SequenceEqual("GGUF"u8))
        {
            throw c.Error(0, $"not a GGUF file: the first bytes are {Convert.ToHexString(magic)}, expected 47475546 (\"GGUF\")");
        }

        uint version = c.UInt32("the version");
        if (version is not (2 or 3))
        {
            var hint = version > 0xFFFF ? " (a big-endian file? only little-endian is read)" : "";
            throw c.Error(4, $"unsupported GGUF version {version}{hint}; expected 2 or 3");
        }

        ulong tensorCount = c.UInt64("the tensor count");
        ulong kvCount = c.UInt64("the metadata count");
        var metadata = new List<GgufMetadataEntry>();
        for (ulong i = 0; i < kvCount; i++)
        {
            long at = c.Position;
            var key = c.String($"metadata key {i}");
            var type = (GgufValueType)c.UInt32($"the type of '{key}'");
            metadata.Add(new GgufMetadataEntry(key, type, ReadValue(c, type, key, at)));
        }

        var tensors = new List<GgufTensorInfo>();
        for (ulong i = 0; i < tensorCount; i++)
        {
            long at = c.Position;
            var name = c.String($"tensor name {i}");
            uint dimCount = c.UInt32($"the dimension count of tensor '{name}'");
            if (dimCount is 0 or > MaxDimensions)
            {
                throw c.Error(at, $"tensor '{name}' has {dimCount} dimensions; expected 1..{MaxDimensions}");
            }

            var dims = new long[dimCount];
            for (int d = 0; d < dims.Length; d++)
            {
                ulong n = c.UInt64($"dimension {d} of tensor '{name}'");
                dims[d] = n <= long.MaxValue ? (long)n : throw c.Error(at, $"tensor '{name}' dimension {d} is {n}");
            }

            var type = (GgmlType)c.UInt32($"the type of tensor '{name}'");
            tensors.Add(new GgufTensorInfo(name, dims, type, c.UInt64($"the offset of tensor '{name}'")));
        }

        uint alignment = Alignment(c, metadata);
        var header = new GgufHeader(c.Path, version, metadata, tensors, alignment, (long)GgufWriter.Align((ulong)c.Position, alignment));
        RequireKeys(c, header);
        CheckData(c, header);
        return header;
    }

    private static uint Alignment(GgufCursor c, List<GgufMetadataEntry> metadata)
    {
        var entry = metadata.FirstOrDefault(m => m.Key == "general.alignment");
        return entry switch
        {
            null => GgufWriter.DefaultAlignment,
            { Value: uint a } when a > 0 && (a & (a - 1)) == 0 => a,
            _ => throw c.Error(null, $"key 'general.alignment' is {entry.Type} {entry.Value}; expected a uint32 power of two"),
        };
    }

    private static void RequireKeys(GgufCursor c, GgufHeader header)
    {
        var arch = header.Find("general.architecture");
        if (arch?.Value is not string name || name.Length == 0)
        {
            throw c.Error(null, arch is null
                ? "no key 'general.architecture'; expected a string such as \"llama\""
                : $"key 'general.architecture' is {arch.Type}; expected a non-empty string");
        }

        var key = name + ".context_length";
        if (header.GetInteger(key) is not > 0)
        {
            throw c.Error(null, header.Find(key) is { } found
                ? $"key '{key}' is {found.Type} {found.Value}; expected a positive integer"
                : $"no key '{key}'; expected the model's context length as an integer");
        }
    }

    // A file cut inside its tensor data has a whole header; the sizes of known types still expose it.
    private static void CheckData(GgufCursor c, GgufHeader header)
    {
        foreach (var t in header.Tensors)
        {
            if (t.Offset % header.Alignment != 0)
            {
                throw c.Error(null, $"tensor '{t.Name}' starts at data offset {t.Offset}; expected a multiple of {header.Alignment}");
            }

            if (t.ByteSize is { } size && header.DataOffset + (decimal)t.Offset + size > c.Length)
            {
                throw c.Error(null, $"truncated: tensor '{t.Name}' ({t.Type}, {size} bytes) would end at byte {header.DataOffset + (decimal)t.Offset + size}, but the file has {c.Length}");
            }
        }
    }

    private static object ReadValue(GgufCursor c, GgufValueType type, string key, long at) => type switch
    {
        GgufValueType.UInt8 => c.Bytes(1, key)[0],
        GgufValueType.Int8 => (sbyte)c.Bytes(1, key)[0],
        GgufValueType.UInt16 => BitConverter.ToUInt16(c.Bytes(2, key)),
        GgufValueType.Int16 => BitConverter.ToInt16(c.Bytes(2, key)),
        GgufValueType.UInt32 => c.UInt32(key),
        GgufValueType.Int32 => (int)c.UInt32(key),
        GgufValueType.Float32 => BitConverter.UInt32BitsToSingle(c.UInt32(key)),
        GgufValueType.Bool => c.Bytes(1, key)[0] != 0,
        GgufValueType.String => c.String(key),
        GgufValueType.UInt64 => c.UInt64(key),
        GgufValueType.Int64 => (long)c.UInt64(key),
        GgufValueType.Float64 => BitConverter.UInt64BitsToDouble(c.UInt64(key)),
        GgufValueType.Array => ReadArray(c, key, at),
        _ => throw c.Error(at, $"key '{key}' has value type {(uint)type}; expected 0..12"),
    };

    private static GgufArray ReadArray(GgufCursor c, string key, long at)
    {
        var elementType = (GgufValueType)c.UInt32($"the element type of '{key}'");
        ulong count = c.UInt64($"the length of '{key}'");
        if (elementType is GgufValueType.Array or > GgufValueType.Float64)
        {
            throw c.Error(at, $"array '{key}' has element type {(uint)elementType}; expected a scalar or string type");
        }

        // Every element takes at least one byte, so a count past the end is a truncation, not an allocation.
        if (count > (ulong)(c.Length - c.Position))
        {
            throw c.Error(at, $"truncated: array '{key}' claims {count} elements, but only {c.Length - c.Position} bytes remain");
        }

        var values = Array.CreateInstance(ClrType(elementType), (long)count);
        for (long i = 0; i < (long)count; i++)
        {
            values.SetValue(ReadValue(c, elementType, $"{key}[{i}]", at), i);
        }

        return new GgufArray(elementType, values);
    }

    private static Type ClrType(GgufValueType type) => type switch
    {
        GgufValueType.UInt8 => typeof(byte),
        GgufValueType.Int8 => typeof(sbyte),
        GgufValueType.UInt16 => typeof(ushort),
        GgufValueType.Int16 => typeof(short),
        GgufValueType.UInt32 => typeof(uint),
        GgufValueType.Int32 => typeof(int),
        GgufValueType.Float32 => typeof(float),
        GgufValueType.Bool => typeof(bool),
        GgufValueType.String => typeof(string),
        GgufValueType.UInt64 => typeof(ulong),
        GgufValueType.Int64 => typeof(long),
        _ => typeof(double),
    };

    /// <summary>A position-tracking little-endian reader whose every failure names the file and offset.</summary>
    private sealed class GgufCursor(Stream stream, string path)
    {
        public string Path => path;

        public long Length { get; } = stream.Length;

        public long Position { get; private set; }

        public byte[] Bytes(int count, string what)
        {
            var buffer = new byte[count];
            int read = stream.ReadAtLeast(buffer, count, throwOnEndOfStream: false);
            if (read < count)
            {
                throw Error(Position, $"truncated: the file ends at byte {Length} while reading {what} ({count} bytes)");
            }

            Position += count;
            return buffer;
        }

        public uint UInt32(string what) => BitConverter.ToUInt32(Bytes(4, what));

        public ulong UInt64(string what) => BitConverter.ToUInt64(Bytes(8, what));

        public string String(string what)
        {
            long at = Position;
            ulong length = UInt64($"the length of {what}");
            if (length > (ulong)(Length - Position))
            {
                throw Error(at, $"truncated: {what} claims {length} bytes, but only {Length - Position} remain");
            }

            if (length > MaxStringBytes)
            {
                throw Error(at, $"{what} is {length} bytes long; expected at most {MaxStringBytes}");
            }

            return Encoding.UTF8.GetString(Bytes((int)length, what));
        }

        public EnergyGateException Error(long? offset, string message) => new(offset is { } at
            ? $"EG2060: GGUF file {path}: at offset {at}: {message}."
            : $"EG2060: GGUF file {path}: {message}.");
    }
}

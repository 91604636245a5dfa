namespace EnergyGate.Core.Models.Gguf;

/// <summary>What a GGUF file says before its tensor data: version, metadata and tensor infos.</summary>
/// <param name="Path">The file read.</param>
/// <param name="Version">Format version (2 or 3).</param>
/// <param name="Metadata">Metadata entries in file order.</param>
/// <param name="Tensors">Tensor infos in file order.</param>
/// <param name="Alignment">Alignment of the data (<c>general.alignment</c>, default 32).</param>
/// <param name="DataOffset">Absolute offset of the data section.</param>
/// <remarks>A class, not a record: value equality over lists would compare references anyway.</remarks>
public sealed class GgufHeader(string Path, uint Version, IReadOnlyList<GgufMetadataEntry> Metadata,
    IReadOnlyList<GgufTensorInfo> Tensors, uint Alignment, long DataOffset)
{
    // A key written twice keeps its first entry, so a slightly broken header can still be shown.
    private readonly Dictionary<string, GgufMetadataEntry> _byKey = Metadata
        .GroupBy(m => m.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

    /// <summary>The file read.</summary>
    public string Path { get; } = Path;

    /// <summary>Format version (2 or 3).</summary>
    public uint Version { get; } = Version;

    /// <summary>Metadata entries in file order.</summary>
    public IReadOnlyList<GgufMetadataEntry> Metadata { get; } = Metadata;

    /// <summary>Tensor infos in file order.</summary>
    public IReadOnlyList<GgufTensorInfo> Tensors { get; } = Tensors;

    /// <summary>Alignment of the data (<c>general.alignment</c>, default 32).</summary>
    public uint Alignment { get; } = Alignment;

    /// <summary>Absolute offset of the data section.</summary>
    public long DataOffset { get; } = DataOffset;

    /// <summary>The entry under <paramref name="key"/>, or null.</summary>
    public GgufMetadataEntry? Find(string key) => _byKey.GetValueOrDefault(key);

    /// <summary><c>general.architecture</c>, e.g. <c>llama</c> (the reader refuses a file without it).</summary>
    public string Architecture => GetString("general.architecture") ?? "";

    /// <summary><c>general.name</c>, or null.</summary>
    public string? Name => GetString("general.name");

    /// <summary><c>{arch}.context_length</c>: the longest sequence the model was trained for.</summary>
    public long ContextLength => GetInteger(Architecture + ".context_length") ?? 0;

    /// <summary><c>{arch}.block_count</c>, or null.</summary>
    public long? BlockCount => GetInteger(Architecture + ".block_count");

    /// <summary><c>{arch}.embedding_length</c>, or null.</summary>
    public long? EmbeddingLength => GetInteger(Architecture + ".embedding_length");

    /// <summary><c>{arch}.vocab_size</c>, else the length of <c>tokenizer.ggml.tokens</c>, else null.</summary>
    public long? VocabSize => GetInteger(Architecture + ".vocab_size")
        ?? (Find("tokenizer.ggml.tokens")?.Value is GgufArray tokens ? tokens.Values.LongLength : null);

    /// <summary><c>general.file_type</c>, or null (older converters did not always write it).</summary>
    public GgufFileType? FileType => GetInteger("general.file_type") is { } t ? (GgufFileType)(uint)t : null;

    /// <summary>The string under <paramref name="key"/>, or null when absent or not a string.</summary>
    public string? GetString(string key) => Find(key)?.Value as string;

    /// <summary>The integer under <paramref name="key"/> whatever its integer width, or null when absent or not an integer.</summary>
    public long? GetInteger(string key) => Find(key)?.Value switch
    {
        byte v => v,
        sbyte v => v,
        ushort v => v,
        short v => v,
        uint v => v,
        int v => v,
        ulong v => v <= long.MaxValue ? (long)v : null,
        long v => v,
        _ => null,
    };

    /// <summary>The number under <paramref name="key"/> (float or integer), or null.</summary>
    public double? GetNumber(string key) => Find(key)?.Value switch
    {
        float v => v,
        double v => v,
        _ => GetInteger(key),
    };
}

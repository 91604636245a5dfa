using EnergyGate.Core.Configuration;
using EnergyGate.Core.Generation;
using EnergyGate.Core.Models.Tiny;

namespace EnergyGate.Core.Runtimes;

/// <summary>A configured model found on disk: a folder (written for <c>builtin:tiny</c> and <c>builtin:coder</c>) or a single model file.</summary>
/// <param name="Settings">The model as configured.</param>
/// <param name="Path">The folder or file.</param>
/// <param name="Tiny">The random-weight built-in model's spec (its weights follow from it), or null for a user's model and for <c>builtin:coder</c>.</param>
public sealed record ResolvedModel(ModelSettings Settings, string Path, TinyModelSpec? Tiny)
{
    /// <summary>True when the model is one file (GGUF) rather than a folder.</summary>
    public bool IsFile { get; } = File.Exists(Path);

    /// <summary>The tool's cache folder, where a runtime keeps converted copies (e.g. a quantized GGUF).</summary>
    public string CacheDir { get; init; } = "";

    /// <summary>For a hub model: SHA-256 over the hub's file hashes (LFS SHA-256s, git blob ids), used as the weights hash.</summary>
    public string? HubWeightsHash { get; init; }

    /// <summary>For a hub model: the commit its files come from.</summary>
    public string? HubCommit { get; init; }
}

/// <summary>What a runtime reads from a model file that carries its own tokenizer and hyper-parameters.</summary>
/// <param name="Tokenizer">The file's tokenizer.</param>
/// <param name="ContextLength">The longest sequence it was trained for.</param>
/// <param name="WeightsHash">SHA-256 of the file, hex.</param>
public sealed record ModelFacts(ITextTokenizer Tokenizer, int ContextLength, string WeightsHash);

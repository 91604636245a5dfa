using System.Security.Cryptography;
using EnergyGate.Core.Models.Tiny;

namespace EnergyGate.Core.Models.Coder;

/// <summary>
/// Writes <c>builtin:coder</c> from its embedded weights and tokenizer: <c>model.onnx</c>,
/// <c>model.safetensors</c> (fp32), the config files and <c>tokenizer.json</c>, with the same writers
/// as <c>builtin:tiny</c>. The same build always writes byte-identical files.
/// </summary>
public static class CoderModelWriter
{
    /// <summary>Eight hex digits of SHA-256 over the shipped weights, tokenizer and shape: names the cache folder.</summary>
    public static string ShortHash { get; } = ComputeHash();

    /// <summary>The model's cache folder: <c>&lt;cache&gt;/models/builtin-coder-&lt;hash&gt;</c>.</summary>
    public static string FolderFor(string cacheDir) => Path.Combine(cacheDir, "models", "builtin-coder-" + ShortHash);

    /// <summary>Returns the model's folder, writing it first when it is not in the cache yet.</summary>
    public static Task<string> EnsureAsync(string cacheDir, CancellationToken cancellationToken = default) =>
        TinyModelCatalog.EnsureFolderAsync(FolderFor(cacheDir), Write, cancellationToken);

    /// <summary>Writes every file of the model into <paramref name="outDir"/> (created if missing).</summary>
    public static void Write(string outDir)
    {
        Directory.CreateDirectory(outDir);
        TinyModelWriter.Write(outDir, CoderModel.Spec, Weights(outDir), CoderModel.ReadResource(CoderModel.TokenizerResource), Metadata);
    }

    /// <summary>The ONNX and safetensors metadata naming the model.</summary>
    internal static IEnumerable<KeyValuePair<string, string>> Metadata =>
    [
        new("energygate.builtin", "coder"),
        new("energygate.spec", TinyConfigFiles.SpecText(CoderModel.Spec) + $" shared-blocks={CoderModel.SharedBlocks}"),
    ];

    /// <summary>Every layer's fp32 weights from the shipped f16 file, which passes once through <paramref name="scratchFolder"/> (SafetensorsFile reads from disk).</summary>
    internal static TinyWeights Weights(string scratchFolder)
    {
        var shipped = Path.Combine(scratchFolder, $"coder-f16-{Guid.NewGuid():N}.safetensors.tmp");
        File.WriteAllBytes(shipped, CoderModel.ReadResource(CoderModel.WeightsResource));
        try
        {
            return CoderWeights.Expand(shipped);
        }
        finally
        {
            File.Delete(shipped);
        }
    }

    private static string ComputeHash()
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(CoderModel.ReadResource(CoderModel.WeightsResource));
        sha.AppendData(CoderModel.ReadResource(CoderModel.TokenizerResource));
        sha.AppendData(System.Text.Encoding.UTF8.GetBytes(TinyConfigFiles.SpecText(CoderModel.Spec) + $";{CoderModel.SharedBlocks};v1"));
        return Convert.ToHexStringLower(sha.GetHashAndReset())[..8];
    }
}

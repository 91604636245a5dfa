using System.Text.Json;
using EnergyGate.Core.Models.Gguf;

namespace EnergyGate.Core.Models.Coder;

/// <summary>
/// Writes <c>builtin:coder</c> as GGUF for llama.cpp: the same fp32 weights and tokenizer as its
/// ONNX and safetensors files (read from the embedded ones), through the tiny model's GGUF writer.
/// </summary>
public static class CoderGgufWriter
{
    /// <summary>Writes the model to <paramref name="path"/> as <paramref name="type"/> (AllF32 or MostlyF16).</summary>
    public static void Write(string path, GgufFileType type)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        var (tokens, merges) = Vocabulary(CoderModel.ReadResource(CoderModel.TokenizerResource));
        TinyGgufWriter.Create(CoderModel.Spec, type, CoderModelWriter.Weights(folder), tokens, merges,
            $"EnergyGate coder {CoderModelWriter.ShortHash}", CoderModelWriter.Metadata).WriteFile(path);
    }

    /// <summary>The BPE tokens in id order (end-of-text, the last id, left out) and the merges in rank order.</summary>
    internal static (List<string> Tokens, List<(string Left, string Right)> Merges) Vocabulary(byte[] tokenizerJson)
    {
        using var doc = JsonDocument.Parse(tokenizerJson);
        var model = doc.RootElement.GetProperty("model");
        var tokens = model.GetProperty("vocab").EnumerateObject()
            .Select(p => (p.Name, Id: p.Value.GetInt32()))
            .Where(p => p.Id != CoderModel.Spec.EosId)
            .OrderBy(p => p.Id)
            .Select(p => p.Name)
            .ToList();
        var merges = model.GetProperty("merges").EnumerateArray()
            .Select(m => m.GetString()!.Split(' ', 2))
            .Select(parts => (parts[0], parts[1]))
            .ToList();
        return (tokens, merges);
    }
}

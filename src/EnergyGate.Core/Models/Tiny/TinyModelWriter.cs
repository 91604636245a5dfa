using EnergyGate.Core.Diagnostics;
using EnergyGate.Core.Models.Safetensors;
using Google.Protobuf;

namespace EnergyGate.Core.Models.Tiny;

/// <summary>
/// Writes the built-in random-weight GPT-2 or Llama-family decoder: <c>model.onnx</c> (optimum layout
/// with KV cache), <c>model.safetensors</c> and <c>config.json</c> (Hugging Face GPT-2 or Llama names), <c>tokenizer.json</c> and
/// <c>tokenizer_config.json</c> (byte-level BPE whose ids match the model) and <c>genai_config.json</c>.
/// The same spec always gives byte-identical files.
/// </summary>
public static class TinyModelWriter
{
    /// <summary>The ONNX model's file name.</summary>
    public const string OnnxFileName = "model.onnx";

    /// <summary>The safetensors file's name.</summary>
    public const string SafetensorsFileName = "model.safetensors";

    /// <summary>Writes every file of <paramref name="spec"/> into <paramref name="outDir"/> (created if missing).</summary>
    /// <exception cref="EnergyGateException">The spec is out of range.</exception>
    public static void Write(string outDir, TinyModelSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        spec.Validate();
        TinyWeights weights;
        using (RunPhases.Start(RunPhases.TinyWeights))
        {
            weights = TinyWeights.Generate(spec);
        }

        byte[] tokenizer;
        using (RunPhases.Start(RunPhases.TinyTokenizer))
        {
            tokenizer = TinyTokenizerJson.Create(spec);
        }

        Write(outDir, spec, weights, tokenizer, TinyConfigFiles.Metadata(spec));
    }

    /// <summary>
    /// Writes a built-in model whose weights and tokenizer come from elsewhere (the trained
    /// <c>builtin:coder</c>): the same files, graph and config as a random-weight model of <paramref name="spec"/>.
    /// </summary>
    internal static void Write(string outDir, TinyModelSpec spec, TinyWeights weights, byte[] tokenizerJson,
        IEnumerable<KeyValuePair<string, string>> metadata)
    {
        var meta = metadata.ToList();
        Directory.CreateDirectory(outDir);
        using (RunPhases.Start(RunPhases.TinyOnnx))
        using (var onnx = File.Create(Path.Combine(outDir, OnnxFileName)))
        {
            TinyOnnxGraph.Build(spec, weights, meta).WriteTo(onnx);
        }

        using (RunPhases.Start(RunPhases.TinySafetensors))
        using (var safetensors = File.Create(Path.Combine(outDir, SafetensorsFileName)))
        {
            var tensorMetadata = new Dictionary<string, string> { ["format"] = "pt" };
            foreach (var (key, value) in meta.Where(m => m.Key != "energygate.builtin" || m.Value != "tiny-" + spec.ArchitectureName))
            {
                // The random model's safetensors never named its builtin (its bytes must not change).
                tensorMetadata[key] = value;
            }

            SafetensorsWriter.Write(safetensors, weights.Tensors.Select(t => (t.Name, t.Shape, t.Bytes)), tensorMetadata);
        }

        using (RunPhases.Start(RunPhases.TinyTokenizer))
        {
            File.WriteAllBytes(Path.Combine(outDir, "tokenizer.json"), tokenizerJson);
        }
        File.WriteAllText(Path.Combine(outDir, "tokenizer_config.json"), TinyConfigFiles.TokenizerConfig(spec));
        File.WriteAllText(Path.Combine(outDir, "config.json"), TinyConfigFiles.HuggingFaceConfig(spec));
        File.WriteAllText(Path.Combine(outDir, "genai_config.json"), TinyConfigFiles.GenAiConfig(spec));
    }
}

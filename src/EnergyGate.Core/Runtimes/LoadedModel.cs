using EnergyGate.Core.Generation;
using EnergyGate.Core.Generation.Tokenizers;
using EnergyGate.Core.Measurement;
using EnergyGate.Core.Models;

namespace EnergyGate.Core.Runtimes;

/// <summary>A model with what every cell needs from it: its tokenizer, context length and weights hash.</summary>
/// <param name="Model">Where it is.</param>
/// <param name="Tokenizer">Its tokenizer.</param>
/// <param name="ContextLength">The longest sequence it supports.</param>
/// <param name="WeightsHash">SHA-256 of its weights file, hex.</param>
public sealed record LoadedModel(ResolvedModel Model, ITextTokenizer Tokenizer, int ContextLength, string WeightsHash)
{
    /// <summary>
    /// Reads <paramref name="model"/>: a Hugging Face folder by Core's readers, a single file (GGUF) by
    /// <paramref name="reader"/>, the runtime that runs it.
    /// </summary>
    /// <exception cref="EnergyGateException">EG2002: the runtime does not read model files.</exception>
    public static LoadedModel Load(ResolvedModel model, IDecoderSessionFactory reader)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(reader);
        if (!model.IsFile)
        {
            return new(model, HuggingFaceTokenizer.Load(model.Path), ModelLocator.ContextLength(model.Path), model.HubWeightsHash ?? RunFingerprint.ModelHash(model.Path));
        }
        var facts = reader.ReadModelFile(model.Path) ?? throw new EnergyGateException(
            $"EG2002: model `{model.Settings.Name}` is the file '{model.Path}', and runtime `{reader.Runtime}` runs model folders; " +
            $"run GGUF files with `runtime: {RuntimeDefinitions.LlamaCpp.Name}`, or point `source` at a folder (model.onnx or model.safetensors + tokenizer.json).");
        return new(model, facts.Tokenizer, facts.ContextLength, model.HubWeightsHash ?? facts.WeightsHash);
    }
}

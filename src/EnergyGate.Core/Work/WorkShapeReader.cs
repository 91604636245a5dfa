using System.Text.Json;
using EnergyGate.Core.Models.Onnx.Proto;

namespace EnergyGate.Core.Work;

/// <summary>
/// Reads a model folder's <see cref="WorkShape"/>: from Hugging Face <c>config.json</c> when there is
/// one, else from onnxruntime-genai's <c>genai_config.json</c> (layers, heads, head size) together
/// with the ONNX graph's initializers (matmul weights, LM head, bytes). Null when neither tells
/// enough: work metrics are then absent for the cell, never invented.
/// </summary>
public static class WorkShapeReader
{
    /// <summary>The folder's shape, or null.</summary>
    /// <param name="modelDirectory">The model folder.</param>
    /// <param name="dtype">The runtime's compute dtype when it converts the weights on load (e.g. torch <c>bfloat16</c>); null: as stored.</param>
    public static WorkShape? Read(string modelDirectory, string? dtype = null)
    {
        ArgumentNullException.ThrowIfNull(modelDirectory);
        try
        {
            var config = Path.Combine(modelDirectory, "config.json");
            if (File.Exists(config))
            {
                using var json = JsonDocument.Parse(File.ReadAllText(config));
                if (ConfigShape.Read(json.RootElement, dtype) is { } shape)
                {
                    return shape;
                }
            }
            var genAi = Path.Combine(modelDirectory, "genai_config.json");
            return File.Exists(genAi) ? FromGenAi(modelDirectory, genAi) : null;
        }
        catch (Exception e) when (e is JsonException or IOException or Google.Protobuf.InvalidProtocolBufferException or InvalidOperationException)
        {
            // An unreadable description means no work metrics for this cell; the run itself reports broken models.
            return null;
        }
    }

    private static WorkShape? FromGenAi(string folder, string path)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        if (!json.RootElement.TryGetProperty("model", out var model) || !model.TryGetProperty("decoder", out var decoder))
        {
            return null;
        }
        var type = model.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        var layers = Int(decoder, "num_hidden_layers");
        var headSize = Int(decoder, "head_size");
        var kvHeads = Int(decoder, "num_key_value_heads");
        // GPT-2 has no grouped-query attention, so its genai configs may name only the kv heads.
        var heads = Int(decoder, "num_attention_heads") ?? (type == "gpt2" ? kvHeads : null);
        var file = decoder.TryGetProperty("filename", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null;
        if (layers is null || headSize is null || kvHeads is null || heads is null || file is null || !File.Exists(Path.Combine(folder, file)))
        {
            return null;
        }
        using var stream = File.OpenRead(Path.Combine(folder, file));
        if (OnnxWeightWalk.Walk(ModelProto.Parser.ParseFrom(stream)) is not { } weights)
        {
            return null;
        }
        return new WorkShape(weights.MatmulWeights - weights.HeadWeights, weights.HeadWeights,
            (long)layers.Value * heads.Value * headSize.Value, (long)layers.Value * kvHeads.Value * headSize.Value,
            weights.WeightBytes, weights.WeightElementBytes, $"genai_config.json + {file}");
    }

    private static int? Int(JsonElement e, string name) =>
        e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.Number && p.TryGetInt32(out var i) && i > 0 ? i : null;
}

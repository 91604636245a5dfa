using System.Text.Json;

namespace EnergyGate.Core.Work;

/// <summary>
/// A <see cref="WorkShape"/> from a Hugging Face <c>config.json</c>: GPT-2 (<c>n_layer</c>, <c>n_embd</c>,
/// <c>n_head</c>, <c>n_inner</c> or 4 x <c>n_embd</c>, <c>vocab_size</c>, <c>n_positions</c>) or the Llama
/// family (<c>num_hidden_layers</c>, <c>hidden_size</c>, <c>num_attention_heads</c>,
/// <c>num_key_value_heads</c>, <c>intermediate_size</c>, <c>vocab_size</c>, <c>tie_word_embeddings</c>).
/// </summary>
internal static class ConfigShape
{
    /// <summary>The shape, or null when a number the count needs is missing (never guessed).</summary>
    public static WorkShape? Read(JsonElement config, string? dtypeOverride)
    {
        var type = Text(config, "model_type") ?? "";
        var bytes = DtypeBytes(dtypeOverride ?? Text(config, "torch_dtype") ?? "float32");
        if (bytes is null)
        {
            return null;
        }
        return type == "gpt2" || Int(config, "n_layer") is not null ? Gpt2(config, bytes.Value) : Llama(config, type, bytes.Value);
    }

    /// <summary>Bytes per element of a dtype name as config files and runtime settings spell it; null for an unknown one.</summary>
    public static int? DtypeBytes(string dtype) => dtype.ToLowerInvariant() switch
    {
        "float32" or "fp32" or "float" => 4,
        "float16" or "fp16" or "half" or "bfloat16" or "bf16" => 2,
        "float64" or "double" => 8,
        _ => null,
    };

    // Per layer: fused q/k/v E x 3E, output E x E, MLP E x F and F x E; weights 12E^2-style plus
    // biases and two LayerNorms; learned positions and the final LayerNorm outside the blocks.
    private static WorkShape? Gpt2(JsonElement c, int bytes)
    {
        if (Int(c, "n_layer") is not { } l || Int(c, "n_embd") is not { } e || Int(c, "n_head") is not { } h
            || Int(c, "vocab_size") is not { } v || Int(c, "n_positions") is not { } positions)
        {
            return null;
        }
        long f = Int(c, "n_inner") ?? 4 * e;
        var tied = Bool(c, "tie_word_embeddings") ?? true;
        long block = 4L * e * e + 2L * e * f;
        long parameters = (long)v * e + (long)positions * e + 2L * e + l * (block + 9L * e + f) + (tied ? 0 : (long)v * e);
        return new WorkShape(l * block, (long)v * e, (long)l * e, (long)l * e, parameters * bytes, bytes, "config.json (gpt2)");
    }

    // Per layer: q E x HD, k and v E x KvD each (GQA), output HD x E, SwiGLU gate/up/down 3 x E x F, two
    // RMSNorm vectors; Qwen2 adds q/k/v biases.
    private static WorkShape? Llama(JsonElement c, string type, int bytes)
    {
        if (Int(c, "num_hidden_layers") is not { } l || Int(c, "hidden_size") is not { } e || Int(c, "num_attention_heads") is not { } h
            || Int(c, "intermediate_size") is not { } f || Int(c, "vocab_size") is not { } v || h == 0)
        {
            return null;
        }
        long kv = Int(c, "num_key_value_heads") ?? h;
        long d = Int(c, "head_dim") ?? e / h;
        var tied = Bool(c, "tie_word_embeddings") ?? false;
        long block = (long)e * h * d + 2L * e * kv * d + (long)h * d * e + 3L * e * f;
        long biases = type == "qwen2" || Bool(c, "attention_bias") == true ? h * d + 2 * kv * d : 0;
        long parameters = (long)v * e + e + l * (block + biases + 2L * e) + (tied ? 0 : (long)v * e);
        return new WorkShape(l * block, (long)v * e, l * h * d, l * kv * d, parameters * bytes, bytes, $"config.json ({(type.Length == 0 ? "llama" : type)})");
    }

    private static string? Text(JsonElement c, string name) =>
        c.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;

    private static int? Int(JsonElement c, string name) =>
        c.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.Number && p.TryGetInt32(out var i) && i > 0 ? i : null;

    private static bool? Bool(JsonElement c, string name) =>
        c.TryGetProperty(name, out var p) && p.ValueKind is JsonValueKind.True or JsonValueKind.False ? p.GetBoolean() : null;
}

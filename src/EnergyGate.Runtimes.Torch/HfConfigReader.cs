using System.Text.Json;
using System.Text.Json.Nodes;
using EnergyGate.Core;

namespace EnergyGate.Runtimes.Torch;

/// <summary>
/// Reads a model folder's Hugging Face <c>config.json</c> into a <see cref="DecoderConfig"/>; every
/// missing or unsupported field is an EG2033 error naming the file and the field.
/// </summary>
public static class HfConfigReader
{
    private static readonly string[] LlamaTypes = ["llama", "mistral", "qwen2", "codellama"];

    /// <summary>Reads <c>config.json</c> in <paramref name="folder"/>.</summary>
    public static DecoderConfig Read(string folder)
    {
        var path = Path.Combine(folder, "config.json");
        if (!File.Exists(path))
        {
            throw new EnergyGateException($"EG2033: {path} does not exist; the torch runtime reads the model's Hugging Face config.json beside its safetensors weights.");
        }

        JsonObject json;
        try
        {
            json = JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw Bad(path, "the file", "a JSON object");
        }
        catch (JsonException e)
        {
            throw new EnergyGateException($"EG2033: {path} is not valid JSON: {e.Message}", e);
        }

        return Parse(json, path);
    }

    /// <summary>Parses an already loaded config; <paramref name="path"/> names it in errors.</summary>
    public static DecoderConfig Parse(JsonObject json, string path)
    {
        ArgumentNullException.ThrowIfNull(json);
        var type = Str(json, "model_type") ?? "";
        var architecture = (json["architectures"] as JsonArray)?.FirstOrDefault()?.GetValue<string>() ?? "";
        if (type == "gpt2" || architecture == "GPT2LMHeadModel")
        {
            return Gpt2(json, path);
        }

        if (LlamaTypes.Contains(type) || architecture is "LlamaForCausalLM" or "MistralForCausalLM" or "Qwen2ForCausalLM")
        {
            return Llama(json, path, type);
        }

        throw Bad(path, "model_type", $"one of gpt2, {string.Join(", ", LlamaTypes)} (or architectures GPT2LMHeadModel, LlamaForCausalLM, MistralForCausalLM, Qwen2ForCausalLM); found model_type '{type}', architectures '{architecture}'. The torch runtime implements only these families; use the onnx runtime for others");
    }

    private static DecoderConfig Gpt2(JsonObject json, string path)
    {
        int hidden = Int(json, path, "n_embd");
        int heads = Int(json, path, "n_head");
        RequireDivisible(path, "n_embd", hidden, "n_head", heads);
        var activation = Str(json, "activation_function") ?? "gelu_new";
        if (activation is not ("gelu_new" or "gelu_pytorch_tanh"))
        {
            throw Bad(path, "activation_function", $"gelu_new (found '{activation}')");
        }

        return new DecoderConfig(DecoderFamily.Gpt2, "gpt2", Int(json, path, "vocab_size"), hidden, Int(json, path, "n_layer"), heads, heads,
            hidden / heads, OptInt(json, "n_inner") ?? 4 * hidden, Int(json, path, "n_positions"), OptDouble(json, "layer_norm_epsilon") ?? 1e-5,
            OptBool(json, "tie_word_embeddings") ?? true, AttentionBias: true, Rope: null);
    }

    private static DecoderConfig Llama(JsonObject json, string path, string type)
    {
        int hidden = Int(json, path, "hidden_size");
        int heads = Int(json, path, "num_attention_heads");
        int kvHeads = OptInt(json, "num_key_value_heads") ?? heads;
        int headDim = OptInt(json, "head_dim") ?? (hidden % heads == 0 ? hidden / heads : throw Bad(path, "hidden_size", $"a multiple of num_attention_heads ({heads}), or a head_dim field"));
        RequireDivisible(path, "num_attention_heads", heads, "num_key_value_heads", kvHeads);
        var activation = Str(json, "hidden_act") ?? "silu";
        if (activation != "silu")
        {
            throw Bad(path, "hidden_act", $"silu (found '{activation}')");
        }

        bool bias = OptBool(json, "attention_bias") ?? type == "qwen2";
        return new DecoderConfig(DecoderFamily.Llama, type, Int(json, path, "vocab_size"), hidden, Int(json, path, "num_hidden_layers"),
            heads, kvHeads, headDim, Int(json, path, "intermediate_size"), OptInt(json, "max_position_embeddings") ?? 2048,
            OptDouble(json, "rms_norm_eps") ?? 1e-6, OptBool(json, "tie_word_embeddings") ?? false, bias, Rope(json, path));
    }

    private static RopeSettings Rope(JsonObject json, string path)
    {
        double theta = OptDouble(json, "rope_theta") ?? 10000;
        if (json["rope_scaling"] is not JsonObject scaling)
        {
            return new RopeSettings(theta);
        }

        var kind = Str(scaling, "rope_type") ?? Str(scaling, "type") ?? "default";
        double factor = OptDouble(scaling, "factor") ?? 1;
        int original = OptInt(scaling, "original_max_position_embeddings") ?? OptInt(json, "max_position_embeddings") ?? 2048;
        return kind switch
        {
            "default" => new RopeSettings(theta),
            "linear" or "dynamic" => new RopeSettings(theta, kind, factor, original),
            "llama3" => new RopeSettings(theta, kind, factor, original, OptDouble(scaling, "low_freq_factor") ?? 1, OptDouble(scaling, "high_freq_factor") ?? 4),
            _ => throw Bad(path, "rope_scaling.rope_type", $"one of default, linear, dynamic, llama3 (found '{kind}')"),
        };
    }

    private static void RequireDivisible(string path, string field, int value, string byField, int by)
    {
        if (by <= 0 || value % by != 0)
        {
            throw Bad(path, field, $"a multiple of {byField} ({by}); found {value}");
        }
    }

    private static string? Str(JsonObject json, string key) => json[key] is JsonValue v && v.TryGetValue(out string? s) ? s : null;

    private static int Int(JsonObject json, string path, string key) =>
        OptInt(json, key) is { } value and > 0 ? value : throw Bad(path, key, "a positive integer");

    private static int? OptInt(JsonObject json, string key) => json[key] is JsonValue v && v.TryGetValue(out int i) ? i : null;

    private static double? OptDouble(JsonObject json, string key) => json[key] is JsonValue v && v.TryGetValue(out double d) ? d : null;

    private static bool? OptBool(JsonObject json, string key) => json[key] is JsonValue v && v.TryGetValue(out bool b) ? b : null;

    private static EnergyGateException Bad(string path, string field, string expected) =>
        new($"EG2033: {path}: field '{field}' must be {expected}.");
}

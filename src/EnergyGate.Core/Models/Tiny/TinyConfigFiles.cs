using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EnergyGate.Core.Models.Tiny;

/// <summary>
/// The JSON descriptions written beside the weights: Hugging Face <c>config.json</c> and
/// <c>tokenizer_config.json</c> (read by the TorchSharp runtime and tokenizer loaders) and
/// onnxruntime-genai's <c>genai_config.json</c>.
/// </summary>
internal static class TinyConfigFiles
{
    public const string EndOfText = "<|endoftext|>";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static IEnumerable<KeyValuePair<string, string>> Metadata(TinyModelSpec spec) =>
    [
        new("energygate.builtin", "tiny-" + spec.ArchitectureName),
        new("energygate.spec", SpecText(spec)),
    ];

    // GPT-2's text predates the architecture field and stays as it was (its files must not change).
    public static string SpecText(TinyModelSpec spec) => string.Create(CultureInfo.InvariantCulture,
        $"layers={spec.Layers} hidden={spec.Hidden} heads={spec.Heads} vocab={spec.Vocab} context={spec.Context} seed={spec.Seed} tied={spec.TiedEmbeddings}")
        + (spec.IsLlama ? string.Create(CultureInfo.InvariantCulture,
            $" architecture=llama kv-heads={spec.KeyValueHeads} intermediate={spec.FeedForward} rope-theta={spec.RopeTheta:R} rms-norm-eps={spec.RmsNormEps:R}") : "");

    public static string HuggingFaceConfig(TinyModelSpec spec) => spec.IsLlama ? LlamaConfig(spec) : Gpt2Config(spec);

    // transformers' LlamaConfig, every field the forward pass depends on spelled out.
    private static string LlamaConfig(TinyModelSpec spec) => Serialize(new JsonObject
    {
        ["architectures"] = new JsonArray("LlamaForCausalLM"),
        ["model_type"] = "llama",
        ["vocab_size"] = spec.Vocab,
        ["hidden_size"] = spec.Hidden,
        ["intermediate_size"] = spec.FeedForward,
        ["num_hidden_layers"] = spec.Layers,
        ["num_attention_heads"] = spec.Heads,
        ["num_key_value_heads"] = spec.KeyValueHeads,
        ["head_dim"] = spec.HeadDim,
        ["hidden_act"] = "silu",
        ["max_position_embeddings"] = spec.Context,
        ["rms_norm_eps"] = spec.RmsNormEps,
        ["rope_theta"] = spec.RopeTheta,
        ["rope_scaling"] = null,
        ["attention_bias"] = false,
        ["attention_dropout"] = 0.0,
        ["mlp_bias"] = false,
        ["pretraining_tp"] = 1,
        ["initializer_range"] = 0.02,
        ["tie_word_embeddings"] = spec.TiedEmbeddings,
        ["use_cache"] = true,
        ["bos_token_id"] = spec.EosId,
        ["eos_token_id"] = spec.EosId,
        ["torch_dtype"] = "float32",
        ["energygate_spec"] = SpecText(spec),
    });

    private static string Gpt2Config(TinyModelSpec spec) => Serialize(new JsonObject
    {
        ["architectures"] = new JsonArray("GPT2LMHeadModel"),
        ["model_type"] = "gpt2",
        ["vocab_size"] = spec.Vocab,
        ["n_positions"] = spec.Context,
        ["n_ctx"] = spec.Context,
        ["n_embd"] = spec.Hidden,
        ["n_layer"] = spec.Layers,
        ["n_head"] = spec.Heads,
        ["n_inner"] = null,
        ["activation_function"] = "gelu_new",
        ["layer_norm_epsilon"] = 1e-5,
        ["resid_pdrop"] = 0.0,
        ["embd_pdrop"] = 0.0,
        ["attn_pdrop"] = 0.0,
        ["initializer_range"] = 0.02,
        ["scale_attn_weights"] = true,
        ["tie_word_embeddings"] = spec.TiedEmbeddings,
        ["use_cache"] = true,
        ["bos_token_id"] = spec.EosId,
        ["eos_token_id"] = spec.EosId,
        ["torch_dtype"] = "float32",
        ["energygate_spec"] = SpecText(spec),
    });

    public static string TokenizerConfig(TinyModelSpec spec) => Serialize(new JsonObject
    {
        ["tokenizer_class"] = "GPT2Tokenizer",
        ["model_max_length"] = spec.Context,
        ["bos_token"] = EndOfText,
        ["eos_token"] = EndOfText,
        ["unk_token"] = EndOfText,
        ["add_prefix_space"] = false,
    });

    // onnxruntime-genai's "gpt2" type expects the stacked past_N layout (its Gpt_State uses a combined
    // KV cache); the optimum layout with separate key/value tensors is its generic decoder-only path,
    // which the "llama" type selects. The graph's names are spelled out rather than left to defaults.
    public static string GenAiConfig(TinyModelSpec spec) => Serialize(new JsonObject
    {
        ["model"] = new JsonObject
        {
            ["type"] = "llama",
            ["bos_token_id"] = spec.EosId,
            ["eos_token_id"] = spec.EosId,
            ["pad_token_id"] = spec.EosId,
            ["vocab_size"] = spec.Vocab,
            ["context_length"] = spec.Context,
            ["decoder"] = new JsonObject
            {
                ["session_options"] = new JsonObject { ["provider_options"] = new JsonArray() },
                ["filename"] = "model.onnx",
                ["head_size"] = spec.HeadDim,
                ["hidden_size"] = spec.Hidden,
                ["num_attention_heads"] = spec.Heads,
                ["num_key_value_heads"] = spec.KeyValueHeads,
                ["num_hidden_layers"] = spec.Layers,
                ["inputs"] = new JsonObject
                {
                    ["input_ids"] = "input_ids",
                    ["attention_mask"] = "attention_mask",
                    ["position_ids"] = "position_ids",
                    ["past_key_names"] = "past_key_values.%d.key",
                    ["past_value_names"] = "past_key_values.%d.value",
                },
                ["outputs"] = new JsonObject
                {
                    ["logits"] = "logits",
                    ["present_key_names"] = "present.%d.key",
                    ["present_value_names"] = "present.%d.value",
                },
            },
        },
        ["search"] = new JsonObject
        {
            ["do_sample"] = false,
            ["max_length"] = spec.Context,
            ["num_beams"] = 1,
            ["past_present_share_buffer"] = false,
        },
    });

    private static string Serialize(JsonObject json) => json.ToJsonString(Indented) + "\n";
}

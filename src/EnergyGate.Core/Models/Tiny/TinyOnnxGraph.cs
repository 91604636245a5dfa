using EnergyGate.Core.Models.Onnx;
using EnergyGate.Core.Models.Onnx.Proto;
using static EnergyGate.Core.Models.Onnx.OnnxGraphBuilder;

namespace EnergyGate.Core.Models.Tiny;

/// <summary>
/// The GPT-2 forward pass (the Llama one is <see cref="TinyLlamaOnnxGraph"/>) with a KV cache as an ONNX graph in the Hugging Face optimum decoder layout
/// (<c>input_ids</c>, <c>attention_mask</c>, <c>position_ids</c>, <c>past_key_values.N.key/value</c> in;
/// <c>logits</c>, <c>present.N.key/value</c> out), opset 17, standard ops only.
/// </summary>
internal static class TinyOnnxGraph
{
    public const int Opset = 17;
    private const float LayerNormEpsilon = 1e-5f;

    public static ModelProto Build(TinyModelSpec spec, TinyWeights weights, IEnumerable<KeyValuePair<string, string>>? metadata = null)
    {
        if (spec.IsLlama)
        {
            return TinyLlamaOnnxGraph.Build(spec, weights);
        }

        var g = new OnnxGraphBuilder("builtin_tiny_gpt2");
        int h = spec.Heads, d = spec.HeadDim, e = spec.Hidden;
        var ids = g.Input("input_ids", Int64Type, "batch_size", "sequence_length");
        var mask = g.Input("attention_mask", Int64Type, "batch_size", "total_sequence_length");
        var positions = g.Input("position_ids", Int64Type, "batch_size", "sequence_length");
        foreach (var t in weights.Tensors)
        {
            g.Initializer(t.Name, t.Shape, t.Bytes);
        }

        var x = g.Op("Add", [g.Op("Gather", ["transformer.wte.weight", ids]), g.Op("Gather", ["transformer.wpe.weight", positions])]);
        var allowed = CausalMask(g, ids, mask);
        var minValue = g.FloatScalar(float.MinValue);
        var sqrtD = g.FloatScalar(MathF.Sqrt(d));
        var splitSizes = g.Int64s([3], e, e, e);
        var toHeads = g.Int64s([4], 0, 0, h, d);
        var toHidden = g.Int64s([3], 0, 0, e);
        for (int i = 0; i < spec.Layers; i++)
        {
            var p = $"transformer.h.{i}.";
            var qkv = Linear(g, LayerNorm(g, x, p + "ln_1"), p + "attn.c_attn");
            var parts = g.Node("Split", [qkv, splitSizes], [g.Fresh("q"), g.Fresh("k"), g.Fresh("v")], Int("axis", 2));
            string Heads(string t) => g.Op("Transpose", [g.Op("Reshape", [t, toHeads])], Ints("perm", 0, 2, 1, 3));
            var pastKey = g.Input($"past_key_values.{i}.key", FloatType, "batch_size", h, "past_sequence_length", d);
            var pastValue = g.Input($"past_key_values.{i}.value", FloatType, "batch_size", h, "past_sequence_length", d);
            var key = g.Op("Concat", [pastKey, Heads(parts[1])], Int("axis", 2));
            var value = g.Op("Concat", [pastValue, Heads(parts[2])], Int("axis", 2));
            g.Output(key, $"present.{i}.key", FloatType, "batch_size", h, "total_sequence_length", d);
            g.Output(value, $"present.{i}.value", FloatType, "batch_size", h, "total_sequence_length", d);

            // Same order of operations as transformers' GPT2Attention: scores / sqrt(d), mask, softmax.
            var scores = g.Op("Div", [g.Op("MatMul", [Heads(parts[0]), g.Op("Transpose", [key], Ints("perm", 0, 1, 3, 2))]), sqrtD]);
            var probs = g.Op("Softmax", [g.Op("Where", [allowed, scores, minValue])], Int("axis", -1));
            var context = g.Op("Reshape", [g.Op("Transpose", [g.Op("MatMul", [probs, value])], Ints("perm", 0, 2, 1, 3)), toHidden]);
            x = g.Op("Add", [x, Linear(g, context, p + "attn.c_proj")]);

            var fc = Linear(g, LayerNorm(g, x, p + "ln_2"), p + "mlp.c_fc");
            x = g.Op("Add", [x, Linear(g, GeluTanh(g, fc), p + "mlp.c_proj")]);
        }

        var head = spec.TiedEmbeddings ? "transformer.wte.weight" : "lm_head.weight";
        var logits = g.Op("MatMul", [LayerNorm(g, x, "transformer.ln_f"), g.Op("Transpose", [head], Ints("perm", 1, 0))]);
        g.Output(logits, "logits", FloatType, "batch_size", "sequence_length", spec.Vocab);
        return g.ToModel(Opset, "EnergyGate.TinyModelWriter", metadata ?? TinyConfigFiles.Metadata(spec));
    }

    // allowed[b, 0, q, k] = attention_mask[b, k] && k <= past + q, where past = T - S: one mask for
    // prefill (S > 1), decode (S == 1) and any past length, shared by every layer.
    internal static string CausalMask(OnnxGraphBuilder g, string ids, string mask)
    {
        var one = g.Int64s([], 1);
        var seq = g.Op("Gather", [g.Op("Shape", [ids]), one], Int("axis", 0));
        var total = g.Op("Gather", [g.Op("Shape", [mask]), one], Int("axis", 0));
        var keyPositions = g.Op("Range", [g.Int64s([], 0), total, one]);
        var queryPositions = g.Op("Range", [g.Op("Sub", [total, seq]), total, one]);
        var causal = g.Op("LessOrEqual", [keyPositions, g.Op("Unsqueeze", [queryPositions, g.Int64s([1], 1)])]);
        var padding = g.Op("Unsqueeze", [g.Op("Cast", [mask], Int("to", BoolType)), g.Int64s([2], 1, 2)]);
        return g.Op("And", [causal, padding]);
    }

    private static string LayerNorm(OnnxGraphBuilder g, string x, string prefix) =>
        g.Op("LayerNormalization", [x, prefix + ".weight", prefix + ".bias"], Int("axis", -1), FloatAttr("epsilon", LayerNormEpsilon));

    private static string Linear(OnnxGraphBuilder g, string x, string prefix) =>
        g.Op("Add", [g.Op("MatMul", [x, prefix + ".weight"]), prefix + ".bias"]);

    // GPT-2's "gelu_new": 0.5 x (1 + tanh(sqrt(2 / pi) (x + 0.044715 x^3))).
    private static string GeluTanh(OnnxGraphBuilder g, string x)
    {
        var cube = g.Op("Mul", [g.Op("Mul", [x, x]), x]);
        var inner = g.Op("Add", [x, g.Op("Mul", [cube, g.FloatScalar(0.044715f)])]);
        var tanh = g.Op("Tanh", [g.Op("Mul", [inner, g.FloatScalar(MathF.Sqrt(2f / MathF.PI))])]);
        var half = g.Op("Mul", [x, g.FloatScalar(0.5f)]);
        return g.Op("Mul", [half, g.Op("Add", [tanh, g.FloatScalar(1f)])]);
    }
}

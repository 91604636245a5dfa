using EnergyGate.Core.Models.Onnx;
using EnergyGate.Core.Models.Onnx.Proto;
using static EnergyGate.Core.Models.Onnx.OnnxGraphBuilder;

namespace EnergyGate.Core.Models.Tiny;

/// <summary>
/// The Hugging Face LlamaForCausalLM forward pass with a KV cache as an ONNX graph in the optimum
/// decoder layout, opset 17, standard ops only: RMSNorm from primitives, rotary embeddings
/// (rotate_half convention) from cos/sin tables gathered by <c>position_ids</c>, grouped-query
/// attention over a cache that holds only the key/value heads, SwiGLU MLP.
/// </summary>
/// <remarks>
/// GQA broadcasts instead of copying: queries are viewed as [batch, kv_heads, group, seq, head_dim]
/// and multiplied with keys and values of shape [batch, kv_heads, 1, ...], so query head h reads
/// kv head h / group exactly as transformers' repeat_kv does, without materializing repeated keys.
/// </remarks>
internal static class TinyLlamaOnnxGraph
{
    public const string CosTable = "rope.cos_cached";
    public const string SinTable = "rope.sin_cached";

    public static ModelProto Build(TinyModelSpec spec, TinyWeights weights)
    {
        var g = new OnnxGraphBuilder("builtin_tiny_llama");
        int h = spec.Heads, kvHeads = spec.KeyValueHeads, d = spec.HeadDim, e = spec.Hidden;
        var ids = g.Input("input_ids", Int64Type, "batch_size", "sequence_length");
        var mask = g.Input("attention_mask", Int64Type, "batch_size", "total_sequence_length");
        var positions = g.Input("position_ids", Int64Type, "batch_size", "sequence_length");
        foreach (var t in weights.Tensors)
        {
            g.Initializer(t.Name, t.Shape, t.Bytes);
        }

        var (cosBytes, sinBytes) = RotaryTables(spec);
        g.Initializer(CosTable, [spec.Context, d], cosBytes);
        g.Initializer(SinTable, [spec.Context, d], sinBytes);
        // [batch, 1, seq, head_dim]: broadcast over heads.
        var cos = g.Op("Unsqueeze", [g.Op("Gather", [CosTable, positions]), g.Int64s([1], 1)]);
        var sin = g.Op("Unsqueeze", [g.Op("Gather", [SinTable, positions]), g.Int64s([1], 1)]);
        // [batch, 1, 1, seq, total]: broadcast over kv heads and the query group.
        var allowed = g.Op("Unsqueeze", [TinyOnnxGraph.CausalMask(g, ids, mask), g.Int64s([1], 1)]);

        var context = new LlamaContext(g, spec, cos, sin, allowed, g.FloatScalar((float)spec.RmsNormEps),
            g.Int64s([2], d / 2, d / 2), g.FloatScalar(float.MinValue), g.FloatScalar(1f / MathF.Sqrt(d)));
        var x = g.Op("Gather", ["model.embed_tokens.weight", ids]);
        for (int i = 0; i < spec.Layers; i++)
        {
            var p = $"model.layers.{i}.";
            var normed = context.RmsNorm(x, p + "input_layernorm.weight");
            var q = context.Rotate(Heads(g, Linear(g, normed, p + "self_attn.q_proj"), h, d));
            var k = context.Rotate(Heads(g, Linear(g, normed, p + "self_attn.k_proj"), kvHeads, d));
            var v = Heads(g, Linear(g, normed, p + "self_attn.v_proj"), kvHeads, d);
            var pastKey = g.Input($"past_key_values.{i}.key", FloatType, "batch_size", kvHeads, "past_sequence_length", d);
            var pastValue = g.Input($"past_key_values.{i}.value", FloatType, "batch_size", kvHeads, "past_sequence_length", d);
            var key = g.Op("Concat", [pastKey, k], Int("axis", 2));
            var value = g.Op("Concat", [pastValue, v], Int("axis", 2));
            g.Output(key, $"present.{i}.key", FloatType, "batch_size", kvHeads, "total_sequence_length", d);
            g.Output(value, $"present.{i}.value", FloatType, "batch_size", kvHeads, "total_sequence_length", d);

            var attention = context.Attend(q, key, value);
            x = g.Op("Add", [x, Linear(g, attention, p + "self_attn.o_proj")]);

            var mlpIn = context.RmsNorm(x, p + "post_attention_layernorm.weight");
            var gate = Linear(g, mlpIn, p + "mlp.gate_proj");
            var silu = g.Op("Mul", [gate, g.Op("Sigmoid", [gate])]);
            var up = Linear(g, mlpIn, p + "mlp.up_proj");
            x = g.Op("Add", [x, Linear(g, g.Op("Mul", [silu, up]), p + "mlp.down_proj")]);
        }

        var head = spec.TiedEmbeddings ? "model.embed_tokens.weight" : "lm_head.weight";
        var logits = g.Op("MatMul", [context.RmsNorm(x, "model.norm.weight"), g.Op("Transpose", [head], Ints("perm", 1, 0))]);
        g.Output(logits, "logits", FloatType, "batch_size", "sequence_length", spec.Vocab);
        return g.ToModel(TinyOnnxGraph.Opset, "EnergyGate.TinyModelWriter", TinyConfigFiles.Metadata(spec));
    }

    /// <summary>
    /// cos and sin of <c>position * inv_freq</c> for every position, [context, head_dim] fp32, the two
    /// halves equal (transformers' <c>cat(freqs, freqs)</c>); <c>inv_freq[i] = theta^(-2i / head_dim)</c>.
    /// Computed in double and rounded once, so long positions stay accurate.
    /// </summary>
    public static (byte[] Cos, byte[] Sin) RotaryTables(TinyModelSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        int d = spec.HeadDim, half = d / 2;
        var cos = new float[(long)spec.Context * d];
        var sin = new float[cos.Length];
        for (int pos = 0; pos < spec.Context; pos++)
        {
            for (int i = 0; i < half; i++)
            {
                double angle = pos * Math.Pow(spec.RopeTheta, -2.0 * i / d);
                cos[(pos * d) + i] = cos[(pos * d) + half + i] = (float)Math.Cos(angle);
                sin[(pos * d) + i] = sin[(pos * d) + half + i] = (float)Math.Sin(angle);
            }
        }

        return (System.Runtime.InteropServices.MemoryMarshal.AsBytes(cos.AsSpan()).ToArray(),
            System.Runtime.InteropServices.MemoryMarshal.AsBytes(sin.AsSpan()).ToArray());
    }

    // nn.Linear without bias: y = x W^T; ONNX Runtime folds the constant transpose once at load.
    private static string Linear(OnnxGraphBuilder g, string x, string prefix) =>
        g.Op("MatMul", [x, g.Op("Transpose", [prefix + ".weight"], Ints("perm", 1, 0))]);

    // [batch, seq, n * d] -> [batch, n, seq, d].
    private static string Heads(OnnxGraphBuilder g, string t, int n, int d) =>
        g.Op("Transpose", [g.Op("Reshape", [t, g.Int64s([4], 0, 0, n, d)])], Ints("perm", 0, 2, 1, 3));

    /// <summary>Values shared by every layer, and the per-layer pieces built from them.</summary>
    private sealed record LlamaContext(OnnxGraphBuilder G, TinyModelSpec Spec, string Cos, string Sin, string Allowed,
        string Epsilon, string HalfSplit, string MinValue, string Scale)
    {
        // transformers' LlamaRMSNorm: x / sqrt(mean(x^2) + eps) * weight (no bias, no mean subtraction).
        public string RmsNorm(string x, string weight)
        {
            var meanSquare = G.Op("ReduceMean", [G.Op("Mul", [x, x])], Ints("axes", -1), Int("keepdims", 1));
            var normalized = G.Op("Div", [x, G.Op("Sqrt", [G.Op("Add", [meanSquare, Epsilon])])]);
            return G.Op("Mul", [normalized, weight]);
        }

        // apply_rotary_pos_emb: t cos + rotate_half(t) sin, rotate_half(t) = cat(-t[d/2:], t[:d/2]).
        public string Rotate(string t)
        {
            var halves = G.Node("Split", [t, HalfSplit], [G.Fresh("lo"), G.Fresh("hi")], Int("axis", -1));
            var rotated = G.Op("Concat", [G.Op("Neg", [halves[1]]), halves[0]], Int("axis", -1));
            return G.Op("Add", [G.Op("Mul", [t, Cos]), G.Op("Mul", [rotated, Sin])]);
        }

        // q [batch, heads, seq, d]; key/value [batch, kv, total, d] -> [batch, seq, hidden].
        public string Attend(string q, string key, string value)
        {
            int h = Spec.Heads, kv = Spec.KeyValueHeads, d = Spec.HeadDim;
            var grouped = G.Op("Reshape", [q, G.Int64s([5], 0, kv, h / kv, -1, d)]);
            var keyT = G.Op("Unsqueeze", [G.Op("Transpose", [key], Ints("perm", 0, 1, 3, 2)), G.Int64s([1], 2)]);
            var scores = G.Op("Mul", [G.Op("MatMul", [grouped, keyT]), Scale]);
            var probs = G.Op("Softmax", [G.Op("Where", [Allowed, scores, MinValue])], Int("axis", -1));
            var context = G.Op("MatMul", [probs, G.Op("Unsqueeze", [value, G.Int64s([1], 2)])]);
            var perHead = G.Op("Reshape", [context, G.Int64s([4], 0, h, -1, d)]);
            return G.Op("Reshape", [G.Op("Transpose", [perHead], Ints("perm", 0, 2, 1, 3)), G.Int64s([3], 0, 0, Spec.Hidden)]);
        }
    }
}

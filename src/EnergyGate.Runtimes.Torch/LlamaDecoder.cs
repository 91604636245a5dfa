using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace EnergyGate.Runtimes.Torch;

/// <summary>
/// The Llama family under Hugging Face names (<c>model.layers.N.self_attn.q_proj</c>...): RMSNorm,
/// rotary embeddings, grouped-query attention, SwiGLU MLP; q/k/v biases for Qwen2 or
/// <c>attention_bias</c>, and any other bias the weights carry (o_proj, MLP).
/// </summary>
internal sealed class LlamaDecoder : TransformerDecoder
{
    private readonly Tensor _embed, _norm;
    private readonly Projection _head;
    private readonly Layer[] _layers;
    private readonly RotaryEmbedding _rope;

    public LlamaDecoder(DecoderConfig c, SafetensorsWeights weights, ScalarType dtype, Device device, int maxLength)
        : base(c, weights, dtype, device, maxLength)
    {
        long e = c.Hidden, q = (long)c.Heads * c.HeadDim, kv = (long)c.KvHeads * c.HeadDim;
        _embed = Weight("model.embed_tokens.weight", c.VocabSize, e);
        _layers = new Layer[c.Layers];
        for (int i = 0; i < c.Layers; i++)
        {
            var p = $"model.layers.{i}.";
            _layers[i] = new Layer(
                Weight(p + "input_layernorm.weight", e),
                Fused(
                    [(p + "self_attn.q_proj", q, c.AttentionBias), (p + "self_attn.k_proj", kv, c.AttentionBias), (p + "self_attn.v_proj", kv, c.AttentionBias)],
                    e, c.Heads + 2 * c.KvHeads),
                Project(Load(p + "self_attn.o_proj.weight", e, q), OptionalLoad(p + "self_attn.o_proj.bias", e)),
                Weight(p + "post_attention_layernorm.weight", e),
                Fused([(p + "mlp.gate_proj", c.Intermediate, false), (p + "mlp.up_proj", c.Intermediate, false)], e, 0),
                Project(Load(p + "mlp.down_proj.weight", e, c.Intermediate), OptionalLoad(p + "mlp.down_proj.bias", e)));
        }

        _norm = Weight("model.norm.weight", e);
        _head = HasWeight("lm_head.weight") && !c.TiedEmbeddings
            ? Project(Load("lm_head.weight", c.VocabSize, e), null)
            : Project(_embed.alias(), null);
        _rope = new RotaryEmbedding(c.Rope!, c.HeadDim, dtype, device);
    }

    public override void ReservePositions(long length) => _rope.Reserve(length);

    public override Tensor Forward(Tensor ids, ForwardStep step)
    {
        int heads = Config.Heads, kvHeads = Config.KvHeads;
        long intermediate = Config.Intermediate;
        var x = _embed.index_select(0, ids);
        for (int i = 0; i < _layers.Length; i++)
        {
            var l = _layers[i];
            var qkv = step.Heads(l.Qkv.ApplyChunks(RmsNorm(x, l.InputNorm)));
            var q = step.Rotate(_rope, qkv.narrow(1, 0, heads));
            var k = step.Rotate(_rope, qkv.narrow(1, heads, kvHeads));
            x.add_(l.O.Apply(step.Attend(q, k, qkv.narrow(1, heads + kvHeads, kvHeads), i)));
            var gateUp = l.GateUp.Apply(RmsNorm(x, l.PostNorm));
            x.add_(l.Down.Apply(F.silu(gateUp.narrow(1, 0, intermediate)).mul_(gateUp.narrow(1, intermediate, intermediate))));
        }

        return _head.Apply(RmsNorm(step.Last(x), _norm));
    }

    protected override void DisposeExtras() => _rope.Dispose();

    /// <summary>
    /// Projections that read the same input, concatenated by output into one (q/k/v, gate/up): one
    /// matmul instead of several. A part without a bias gets zeros when another part has one.
    /// </summary>
    private Projection Fused((string Name, long Width, bool BiasRequired)[] parts, long fanIn, int chunks)
    {
        var weights = new List<Tensor>();
        var biases = new List<Tensor?>();
        try
        {
            foreach (var (name, width, required) in parts)
            {
                weights.Add(Load(name + ".weight", width, fanIn));
                biases.Add(required ? Load(name + ".bias", width) : OptionalLoad(name + ".bias", width));
            }

            Tensor? bias = null;
            if (biases.Any(b => b is not null))
            {
                for (int i = 0; i < parts.Length; i++)
                {
                    biases[i] ??= zeros([parts[i].Width], DType, Device);
                }

                bias = cat(biases!, 0);
            }

            return Project(cat(weights, 0), bias, chunks);
        }
        finally
        {
            weights.ForEach(w => w.Dispose());
            biases.ForEach(b => b?.Dispose());
        }
    }

    // transformers' LlamaRMSNorm: normalize in float32, cast back, then scale.
    private Tensor RmsNorm(Tensor x, Tensor weight)
    {
        var wide = x.to_type(ScalarType.Float32);
        var normalized = wide * (wide.pow(2).mean([-1], keepdim: true) + Config.NormEpsilon).rsqrt();
        return weight * normalized.to_type(DType);
    }

    private sealed record Layer(Tensor InputNorm, Projection Qkv, Projection O, Tensor PostNorm, Projection GateUp, Projection Down);
}

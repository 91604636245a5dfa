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
    private readonly Tensor _embed, _norm, _head;
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
                Weight(p + "self_attn.q_proj.weight", q, e), AttentionBias(p + "self_attn.q_proj.bias", q),
                Weight(p + "self_attn.k_proj.weight", kv, e), AttentionBias(p + "self_attn.k_proj.bias", kv),
                Weight(p + "self_attn.v_proj.weight", kv, e), AttentionBias(p + "self_attn.v_proj.bias", kv),
                Weight(p + "self_attn.o_proj.weight", e, q), OptionalWeight(p + "self_attn.o_proj.bias", e),
                Weight(p + "post_attention_layernorm.weight", e),
                Weight(p + "mlp.gate_proj.weight", c.Intermediate, e), OptionalWeight(p + "mlp.gate_proj.bias", c.Intermediate),
                Weight(p + "mlp.up_proj.weight", c.Intermediate, e), OptionalWeight(p + "mlp.up_proj.bias", c.Intermediate),
                Weight(p + "mlp.down_proj.weight", e, c.Intermediate), OptionalWeight(p + "mlp.down_proj.bias", e));
        }

        _norm = Weight("model.norm.weight", e);
        _head = HasWeight("lm_head.weight") && !c.TiedEmbeddings ? Weight("lm_head.weight", c.VocabSize, e) : _embed;
        _rope = new RotaryEmbedding(c.Rope!, c.HeadDim, dtype, device);
    }

    public override void Reserve(long length, long keep)
    {
        base.Reserve(length, keep);
        _rope.Reserve(Cache.Capacity);
    }

    public override Tensor Forward(Tensor ids, long start)
    {
        long n = ids.shape[0];
        var x = _embed.index_select(0, ids).unsqueeze(0);
        for (int i = 0; i < _layers.Length; i++)
        {
            var l = _layers[i];
            var h = RmsNorm(x, l.InputNorm);
            var q = _rope.Apply(Heads(F.linear(h, l.Q, l.QBias), n, Config.Heads), start);
            var k = _rope.Apply(Heads(F.linear(h, l.K, l.KBias), n, Config.KvHeads), start);
            var v = Heads(F.linear(h, l.V, l.VBias), n, Config.KvHeads);
            x = x + F.linear(Attend(q, k, v, i, start), l.O, l.OBias);
            h = RmsNorm(x, l.PostNorm);
            x = x + F.linear(F.silu(F.linear(h, l.Gate, l.GateBias)) * F.linear(h, l.Up, l.UpBias), l.Down, l.DownBias);
        }

        return F.linear(RmsNorm(Last(x), _norm), _head);
    }

    protected override void DisposeExtras() => _rope.Dispose();

    private Tensor? AttentionBias(string name, long width) => Config.AttentionBias ? Weight(name, width) : OptionalWeight(name, width);

    private Tensor Heads(Tensor t, long n, int heads) => t.view(1, n, heads, Config.HeadDim).transpose(1, 2);

    // transformers' LlamaRMSNorm: normalize in float32, cast back, then scale.
    private Tensor RmsNorm(Tensor x, Tensor weight)
    {
        var wide = x.to_type(ScalarType.Float32);
        var normalized = wide * (wide.pow(2).mean([-1], keepdim: true) + Config.NormEpsilon).rsqrt();
        return weight * normalized.to_type(DType);
    }

    private sealed record Layer(
        Tensor InputNorm, Tensor Q, Tensor? QBias, Tensor K, Tensor? KBias, Tensor V, Tensor? VBias, Tensor O, Tensor? OBias,
        Tensor PostNorm, Tensor Gate, Tensor? GateBias, Tensor Up, Tensor? UpBias, Tensor Down, Tensor? DownBias);
}

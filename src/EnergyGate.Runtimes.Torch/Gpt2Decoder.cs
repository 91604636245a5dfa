using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace EnergyGate.Runtimes.Torch;

/// <summary>
/// GPT-2 under Hugging Face names (<c>transformer.h.N.attn.c_attn</c>...). Its Conv1D weights are
/// [in, out]; <see cref="Projection"/> lays them out once at load. The fused QKV projection is split
/// into one chunk per head, so its output is q, k and v already in [heads, n, head dim] order.
/// </summary>
internal sealed class Gpt2Decoder : TransformerDecoder
{
    private readonly Tensor _wte, _wpe, _lnFw, _lnFb;
    private readonly Projection _head;
    private readonly Layer[] _layers;

    public Gpt2Decoder(DecoderConfig c, SafetensorsWeights weights, ScalarType dtype, Device device, int maxLength)
        : base(c, weights, dtype, device, maxLength)
    {
        long e = c.Hidden;
        _wte = Weight("transformer.wte.weight", c.VocabSize, e);
        _wpe = Weight("transformer.wpe.weight", c.MaxPositions, e);
        _layers = new Layer[c.Layers];
        for (int i = 0; i < c.Layers; i++)
        {
            var p = $"transformer.h.{i}.";
            _layers[i] = new Layer(
                Weight(p + "ln_1.weight", e), Weight(p + "ln_1.bias", e),
                Conv1D(p + "attn.c_attn", e, 3 * e, 3 * c.Heads),
                Conv1D(p + "attn.c_proj", e, e),
                Weight(p + "ln_2.weight", e), Weight(p + "ln_2.bias", e),
                Conv1D(p + "mlp.c_fc", e, c.Intermediate),
                Conv1D(p + "mlp.c_proj", c.Intermediate, e));
        }

        _lnFw = Weight("transformer.ln_f.weight", e);
        _lnFb = Weight("transformer.ln_f.bias", e);
        _head = HasWeight("lm_head.weight") && !c.TiedEmbeddings
            ? Project(Load("lm_head.weight", c.VocabSize, e), null)
            : Project(_wte.alias(), null);
    }

    public override Tensor Forward(Tensor ids, ForwardStep step)
    {
        long e = Config.Hidden;
        int heads = Config.Heads;
        var x = _wte.index_select(0, ids).add_(step.PositionEmbeddings(_wpe));
        for (int i = 0; i < _layers.Length; i++)
        {
            var l = _layers[i];
            var h = F.layer_norm(x, [e], l.Ln1W, l.Ln1B, Config.NormEpsilon);
            var qkv = step.Heads(l.Qkv.ApplyChunks(h));
            var attention = step.Attend(qkv.narrow(1, 0, heads), qkv.narrow(1, heads, heads), qkv.narrow(1, 2 * heads, heads), i);
            x.add_(l.Proj.Apply(attention));
            h = F.layer_norm(x, [e], l.Ln2W, l.Ln2B, Config.NormEpsilon);
            x.add_(l.Fc2.Apply(F.gelu(l.Fc.Apply(h), TorchSharp.Modules.GELU.Approximate.tanh)));
        }

        return _head.Apply(F.layer_norm(step.Last(x), [e], _lnFw, _lnFb, Config.NormEpsilon));
    }

    // Conv1D stores [in, out] and a separate bias; the projection takes [out, in].
    private Projection Conv1D(string name, long fanIn, long fanOut, int chunks = 0)
    {
        using var weight = Load(name + ".weight", fanIn, fanOut);
        return Project(weight.t(), Load(name + ".bias", fanOut), chunks);
    }

    private sealed record Layer(
        Tensor Ln1W, Tensor Ln1B, Projection Qkv, Projection Proj, Tensor Ln2W, Tensor Ln2B, Projection Fc, Projection Fc2);
}

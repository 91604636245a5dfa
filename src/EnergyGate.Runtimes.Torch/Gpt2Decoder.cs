using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace EnergyGate.Runtimes.Torch;

/// <summary>
/// GPT-2 under Hugging Face names (<c>transformer.h.N.attn.c_attn</c>...). Its Conv1D weights are
/// [in, out]; they are transposed once at load into the [out, in] layout linear reads fastest.
/// </summary>
internal sealed class Gpt2Decoder : TransformerDecoder
{
    private readonly Tensor _wte, _wpe, _lnFw, _lnFb, _head;
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
                Conv1D(p + "attn.c_attn.weight", e, 3 * e), Weight(p + "attn.c_attn.bias", 3 * e),
                Conv1D(p + "attn.c_proj.weight", e, e), Weight(p + "attn.c_proj.bias", e),
                Weight(p + "ln_2.weight", e), Weight(p + "ln_2.bias", e),
                Conv1D(p + "mlp.c_fc.weight", e, c.Intermediate), Weight(p + "mlp.c_fc.bias", c.Intermediate),
                Conv1D(p + "mlp.c_proj.weight", c.Intermediate, e), Weight(p + "mlp.c_proj.bias", e));
        }

        _lnFw = Weight("transformer.ln_f.weight", e);
        _lnFb = Weight("transformer.ln_f.bias", e);
        _head = HasWeight("lm_head.weight") && !c.TiedEmbeddings ? Weight("lm_head.weight", c.VocabSize, e) : _wte;
    }

    public override Tensor Forward(Tensor ids, long start)
    {
        long n = ids.shape[0];
        long e = Config.Hidden;
        var x = (_wte.index_select(0, ids) + _wpe.narrow(0, start, n)).unsqueeze(0);
        for (int i = 0; i < _layers.Length; i++)
        {
            var l = _layers[i];
            var h = F.layer_norm(x, [e], l.Ln1W, l.Ln1B, Config.NormEpsilon);
            var qkv = F.linear(h, l.AttnW, l.AttnB).split(e, -1);
            var attention = Attend(Heads(qkv[0], n), Heads(qkv[1], n), Heads(qkv[2], n), i, start);
            x = x + F.linear(attention, l.ProjW, l.ProjB);
            h = F.layer_norm(x, [e], l.Ln2W, l.Ln2B, Config.NormEpsilon);
            x = x + F.linear(F.gelu(F.linear(h, l.FcW, l.FcB), TorchSharp.Modules.GELU.Approximate.tanh), l.Fc2W, l.Fc2B);
        }

        var last = F.layer_norm(Last(x), [e], _lnFw, _lnFb, Config.NormEpsilon);
        return F.linear(last, _head);
    }

    private Tensor Heads(Tensor t, long n) => t.view(1, n, Config.Heads, Config.HeadDim).transpose(1, 2);

    // Conv1D stores [in, out]; linear wants [out, in]. A transposed view made libtorch's CPU linear
    // several times slower (measured with the `torch` benchmark), so copy it once at load.
    private Tensor Conv1D(string name, long fanIn, long fanOut)
    {
        using var view = Weight(name, fanIn, fanOut).t();
        return Own(view.contiguous());
    }

    private sealed record Layer(
        Tensor Ln1W, Tensor Ln1B, Tensor AttnW, Tensor AttnB, Tensor ProjW, Tensor ProjB,
        Tensor Ln2W, Tensor Ln2B, Tensor FcW, Tensor FcB, Tensor Fc2W, Tensor Fc2B);
}

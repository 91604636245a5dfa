using EnergyGate.Core.Models.Coder;
using EnergyGate.Core.Models.Tiny;
using TorchSharp;
using Parameter = TorchSharp.Modules.Parameter;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace EnergyGate.CoderTraining;

/// <summary>
/// GPT-2 with Hugging Face names and Conv1D layouts ([in, out]), the same arithmetic as the ONNX graph
/// (TinyOnnxGraph) and the TorchSharp runtime: LayerNorm eps 1e-5, scores / sqrt(head dim), causal
/// mask, tanh GELU, tied LM head. Layer i runs shared block <c>i % blocks</c>.
/// </summary>
internal sealed class CoderGpt2 : nn.Module<Tensor, Tensor>
{
    private readonly TinyModelSpec _spec;
    private readonly int _blocks;
    private readonly Dictionary<string, Parameter> _weights = new(StringComparer.Ordinal);

    /// <summary>Initialises GPT-2's way (normal 0.02, residual projections scaled by 1/sqrt(2 x layers)) from torch's seeded generator.</summary>
    public CoderGpt2(TinyModelSpec spec, int blocks) : base("coder_gpt2")
    {
        _spec = spec;
        _blocks = blocks;
        long e = spec.Hidden;
        Add("transformer.wte.weight", randn(spec.Vocab, e) * 0.02);
        Add("transformer.wpe.weight", randn(spec.Context, e) * 0.01);
        double residual = 0.02 / Math.Sqrt(2.0 * spec.Layers);
        for (int b = 0; b < blocks; b++)
        {
            foreach (var name in CoderModel.BlockTensors)
            {
                var shape = CoderWeights.BlockShape(name, e);
                var full = $"transformer.h.{b}.{name}";
                Add(full, name.EndsWith(".bias", StringComparison.Ordinal) ? zeros(shape)
                    : name.StartsWith("ln_", StringComparison.Ordinal) ? ones(shape)
                    : randn(shape) * (name.EndsWith("c_proj.weight", StringComparison.Ordinal) ? residual : 0.02));
            }
        }

        Add("transformer.ln_f.weight", ones(e));
        Add("transformer.ln_f.bias", zeros(e));
    }

    /// <summary>The trained tensors under their shipped names, in creation order.</summary>
    public IReadOnlyDictionary<string, Parameter> Weights => _weights;

    /// <summary>Logits [batch, time, vocab] for ids [batch, time].</summary>
    public override Tensor forward(Tensor ids)
    {
        long batch = ids.shape[0], time = ids.shape[1], e = _spec.Hidden, heads = _spec.Heads, d = _spec.HeadDim;
        var x = W("transformer.wte.weight").index_select(0, ids.reshape(-1)).reshape(batch, time, e)
            + W("transformer.wpe.weight").narrow(0, 0, time);
        using var future = ones(time, time, dtype: ScalarType.Bool).triu(1);
        double scale = Math.Sqrt(d);
        for (int layer = 0; layer < _spec.Layers; layer++)
        {
            var p = $"transformer.h.{layer % _blocks}.";
            var h = F.layer_norm(x, [e], W(p + "ln_1.weight"), W(p + "ln_1.bias"), 1e-5);
            var qkv = h.matmul(W(p + "attn.c_attn.weight")) + W(p + "attn.c_attn.bias");
            var parts = qkv.split(e, 2);
            Tensor Heads(Tensor t) => t.reshape(batch, time, heads, d).transpose(1, 2);
            var scores = Heads(parts[0]).matmul(Heads(parts[1]).transpose(-2, -1)) / scale;
            var probs = F.softmax(scores.masked_fill(future, float.NegativeInfinity), -1);
            var context = probs.matmul(Heads(parts[2])).transpose(1, 2).reshape(batch, time, e);
            x = x + context.matmul(W(p + "attn.c_proj.weight")) + W(p + "attn.c_proj.bias");
            h = F.layer_norm(x, [e], W(p + "ln_2.weight"), W(p + "ln_2.bias"), 1e-5);
            var fc = F.gelu(h.matmul(W(p + "mlp.c_fc.weight")) + W(p + "mlp.c_fc.bias"), TorchSharp.Modules.GELU.Approximate.tanh);
            x = x + fc.matmul(W(p + "mlp.c_proj.weight")) + W(p + "mlp.c_proj.bias");
        }

        x = F.layer_norm(x, [e], W("transformer.ln_f.weight"), W("transformer.ln_f.bias"), 1e-5);
        return x.matmul(W("transformer.wte.weight").t());
    }

    private Parameter W(string name) => _weights[name];

    private void Add(string name, Tensor value)
    {
        var parameter = new Parameter(value.to(ScalarType.Float32), requires_grad: true);
        _weights.Add(name, parameter);
        // Module names may not hold dots.
        register_parameter(name.Replace('.', '_'), parameter);
    }
}

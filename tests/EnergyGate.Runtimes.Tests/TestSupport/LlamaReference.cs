using System.Text.Json;
using EnergyGate.Core.Models.Safetensors;

namespace EnergyGate.Runtimes.Tests.TestSupport;

/// <summary>
/// A plain-C# Hugging Face LlamaForCausalLM forward pass (no cache, float arrays, no libraries),
/// written from transformers' modeling_llama and reading only <c>config.json</c> and
/// <c>model.safetensors</c>: the independent reference the ONNX graph is checked against.
/// </summary>
internal sealed class LlamaReference
{
    private readonly Dictionary<string, float[]> _w = [];
    private readonly int _layers, _hidden, _heads, _kvHeads, _headDim, _ffn, _vocab;
    private readonly float _eps;
    private readonly double _theta;
    private readonly bool _tied;

    public LlamaReference(string folder)
    {
        using var config = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder, "config.json")));
        var c = config.RootElement;
        Assert.Equal("llama", c.GetProperty("model_type").GetString());
        _layers = c.GetProperty("num_hidden_layers").GetInt32();
        _hidden = c.GetProperty("hidden_size").GetInt32();
        _heads = c.GetProperty("num_attention_heads").GetInt32();
        _kvHeads = c.GetProperty("num_key_value_heads").GetInt32();
        _headDim = _hidden / _heads;
        _ffn = c.GetProperty("intermediate_size").GetInt32();
        _vocab = c.GetProperty("vocab_size").GetInt32();
        _eps = (float)c.GetProperty("rms_norm_eps").GetDouble();
        _theta = c.GetProperty("rope_theta").GetDouble();
        _tied = c.GetProperty("tie_word_embeddings").GetBoolean();
        var file = SafetensorsFile.Open(Path.Combine(folder, "model.safetensors"));
        foreach (var name in file.Entries.Keys)
        {
            _w[name] = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(file.ReadBytes(name)).ToArray();
        }
    }

    /// <summary>Logits at every position of <paramref name="ids"/> (positions 0..n-1), [n][vocab].</summary>
    public float[][] Forward(int[] ids)
    {
        int n = ids.Length, e = _hidden, d = _headDim, kvWidth = _kvHeads * d, group = _heads / _kvHeads;
        var x = new float[n][];
        for (int t = 0; t < n; t++)
        {
            x[t] = _w["model.embed_tokens.weight"].AsSpan(ids[t] * e, e).ToArray();
        }

        for (int layer = 0; layer < _layers; layer++)
        {
            var p = $"model.layers.{layer}.";
            var q = new float[n][];
            var k = new float[n][];
            var v = new float[n][];
            for (int t = 0; t < n; t++)
            {
                var normed = RmsNorm(x[t], p + "input_layernorm.weight");
                q[t] = Rope(Linear(normed, p + "self_attn.q_proj.weight", e), t, _heads);
                k[t] = Rope(Linear(normed, p + "self_attn.k_proj.weight", kvWidth), t, _kvHeads);
                v[t] = Linear(normed, p + "self_attn.v_proj.weight", kvWidth);
            }

            for (int t = 0; t < n; t++)
            {
                var attended = new float[e];
                for (int head = 0; head < _heads; head++)
                {
                    // transformers' repeat_kv: query head h reads key/value head h / (heads / kv_heads).
                    int kvHead = head / group;
                    var scores = new double[t + 1];
                    double max = double.NegativeInfinity;
                    for (int s = 0; s <= t; s++)
                    {
                        double dot = 0;
                        for (int j = 0; j < d; j++)
                        {
                            dot += q[t][(head * d) + j] * k[s][(kvHead * d) + j];
                        }

                        scores[s] = dot / Math.Sqrt(d);
                        max = Math.Max(max, scores[s]);
                    }

                    double sum = 0;
                    for (int s = 0; s <= t; s++)
                    {
                        scores[s] = Math.Exp(scores[s] - max);
                        sum += scores[s];
                    }

                    for (int j = 0; j < d; j++)
                    {
                        double acc = 0;
                        for (int s = 0; s <= t; s++)
                        {
                            acc += scores[s] / sum * v[s][(kvHead * d) + j];
                        }

                        attended[(head * d) + j] = (float)acc;
                    }
                }

                Add(x[t], Linear(attended, p + "self_attn.o_proj.weight", e));
            }

            for (int t = 0; t < n; t++)
            {
                var normed = RmsNorm(x[t], p + "post_attention_layernorm.weight");
                var gate = Linear(normed, p + "mlp.gate_proj.weight", _ffn);
                var up = Linear(normed, p + "mlp.up_proj.weight", _ffn);
                for (int i = 0; i < _ffn; i++)
                {
                    gate[i] = gate[i] / (1f + MathF.Exp(-gate[i])) * up[i];
                }

                Add(x[t], Linear(gate, p + "mlp.down_proj.weight", e));
            }
        }

        var head0 = _tied ? "model.embed_tokens.weight" : "lm_head.weight";
        return x.Select(row => Linear(RmsNorm(row, "model.norm.weight"), head0, _vocab)).ToArray();
    }

    // y = x W^T with W stored [out, in] as nn.Linear keeps it.
    private float[] Linear(float[] input, string weight, int outputs)
    {
        var w = _w[weight];
        int inputs = input.Length;
        Assert.Equal((long)outputs * inputs, w.Length);
        var y = new float[outputs];
        for (int o = 0; o < outputs; o++)
        {
            double acc = 0;
            for (int i = 0; i < inputs; i++)
            {
                acc += w[(o * inputs) + i] * input[i];
            }

            y[o] = (float)acc;
        }

        return y;
    }

    private float[] RmsNorm(float[] input, string weight)
    {
        double meanSquare = input.Sum(a => (double)a * a) / input.Length;
        float scale = (float)(1 / Math.Sqrt(meanSquare + _eps));
        var w = _w[weight];
        return input.Select((a, i) => w[i] * (a * scale)).ToArray();
    }

    // apply_rotary_pos_emb with rotate_half: the first half of each head pairs with the second half
    // (not interleaved pairs); inv_freq[i] = theta^(-2i/d), cos/sin repeated over both halves.
    private float[] Rope(float[] input, int position, int heads)
    {
        int d = _headDim, half = d / 2;
        var output = new float[input.Length];
        for (int head = 0; head < heads; head++)
        {
            int o = head * d;
            for (int i = 0; i < half; i++)
            {
                double angle = position / Math.Pow(_theta, 2.0 * i / d);
                float cos = (float)Math.Cos(angle), sin = (float)Math.Sin(angle);
                float a = input[o + i], b = input[o + half + i];
                output[o + i] = (a * cos) - (b * sin);
                output[o + half + i] = (b * cos) + (a * sin);
            }
        }

        return output;
    }

    private static void Add(float[] target, float[] delta)
    {
        for (int i = 0; i < target.Length; i++)
        {
            target[i] += delta[i];
        }
    }
}

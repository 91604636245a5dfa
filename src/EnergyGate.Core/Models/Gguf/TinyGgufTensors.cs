using EnergyGate.Core.Models.Tiny;

namespace EnergyGate.Core.Models.Gguf;

/// <summary>
/// The tiny model's weights under llama.cpp's tensor names and layouts, as llama.cpp's
/// convert_hf_to_gguf.py derives them from the Hugging Face names.
/// </summary>
internal static class TinyGgufTensors
{
    /// <summary>One tensor as GGUF holds it: llama.cpp name, numpy-order shape, fp32 values.</summary>
    public sealed record Mapped(string Name, long[] Shape, float[] Values);

    public static IEnumerable<Mapped> Map(TinyModelSpec spec, TinyWeights weights) =>
        weights.Tensors.Select(t => spec.IsLlama ? MapLlama(spec, t) : MapGpt2(t));

    // GPT-2's Conv1D stores [in, out]; ggml multiplies by [out, in] rows (ne = {in, out}), so the
    // converter transposes every Conv1D weight. Biases, norms and embeddings keep their layout.
    private static Mapped MapGpt2(TinyTensor t)
    {
        var parts = t.Name.Split('.');
        string name = t.Name switch
        {
            "transformer.wte.weight" => "token_embd.weight",
            "transformer.wpe.weight" => "position_embd.weight",
            "transformer.ln_f.weight" => "output_norm.weight",
            "transformer.ln_f.bias" => "output_norm.bias",
            "lm_head.weight" => "output.weight",
            _ when parts is ["transformer", "h", var layer, .. var rest] => $"blk.{layer}." + (string.Join('.', rest[..^1]) switch
            {
                "ln_1" => "attn_norm",
                "attn.c_attn" => "attn_qkv",
                "attn.c_proj" => "attn_output",
                "ln_2" => "ffn_norm",
                "mlp.c_fc" => "ffn_up",
                "mlp.c_proj" => "ffn_down",
                var other => throw new InvalidOperationException($"No GGUF name for GPT-2 tensor '{t.Name}' ({other})."),
            }) + "." + rest[^1],
            _ => throw new InvalidOperationException($"No GGUF name for GPT-2 tensor '{t.Name}'."),
        };

        bool conv1D = t.Shape.Length == 2 && name.StartsWith("blk.", StringComparison.Ordinal);
        return conv1D
            ? new Mapped(name, [t.Shape[1], t.Shape[0]], Transpose(t.Values, (int)t.Shape[0], (int)t.Shape[1]))
            : new Mapped(name, t.Shape, t.Values.ToArray());
    }

    private static Mapped MapLlama(TinyModelSpec spec, TinyTensor t)
    {
        var parts = t.Name.Split('.');
        string name = t.Name switch
        {
            "model.embed_tokens.weight" => "token_embd.weight",
            "model.norm.weight" => "output_norm.weight",
            "lm_head.weight" => "output.weight",
            _ when parts is ["model", "layers", var layer, .. var rest] => $"blk.{layer}." + (string.Join('.', rest[..^1]) switch
            {
                "input_layernorm" => "attn_norm",
                "self_attn.q_proj" => "attn_q",
                "self_attn.k_proj" => "attn_k",
                "self_attn.v_proj" => "attn_v",
                "self_attn.o_proj" => "attn_output",
                "post_attention_layernorm" => "ffn_norm",
                "mlp.gate_proj" => "ffn_gate",
                "mlp.up_proj" => "ffn_up",
                "mlp.down_proj" => "ffn_down",
                var other => throw new InvalidOperationException($"No GGUF name for Llama tensor '{t.Name}' ({other})."),
            }) + ".weight",
            _ => throw new InvalidOperationException($"No GGUF name for Llama tensor '{t.Name}'."),
        };

        var values = t.Values.ToArray();
        if (name.EndsWith(".attn_q.weight", StringComparison.Ordinal))
        {
            values = PermuteRotaryRows(values, spec.Heads, spec.Hidden);
        }
        else if (name.EndsWith(".attn_k.weight", StringComparison.Ordinal))
        {
            values = PermuteRotaryRows(values, spec.KeyValueHeads, spec.Hidden);
        }

        return new Mapped(name, t.Shape, values);
    }

    /// <summary>
    /// Reorders the output rows of a query or key projection ([heads x head_dim, columns], row-major)
    /// from Hugging Face's rotate-half pairing (dimension i with i + head_dim/2) to ggml's adjacent
    /// pairing (2i with 2i + 1), which llama.cpp's <c>LLAMA_ROPE_TYPE_NORM</c> rotates: within each head,
    /// new row <c>2i + j</c> is old row <c>j * head_dim/2 + i</c>. This is convert_hf_to_gguf.py's
    /// <c>LlamaModel.permute</c> (<c>reshape(heads, 2, head_dim/2, columns).swapaxes(1, 2)</c>).
    /// </summary>
    public static float[] PermuteRotaryRows(ReadOnlySpan<float> weight, int heads, int columns)
    {
        int rows = weight.Length / columns, headDim = rows / heads, half = headDim / 2;
        if (rows * columns != weight.Length || headDim * heads != rows || headDim % 2 != 0)
        {
            throw new ArgumentException($"{weight.Length} values are not {heads} heads of an even number of rows of {columns} columns.");
        }

        var result = new float[weight.Length];
        for (int h = 0; h < heads; h++)
        {
            for (int i = 0; i < half; i++)
            {
                for (int j = 0; j < 2; j++)
                {
                    int from = (h * headDim) + (j * half) + i, to = (h * headDim) + (2 * i) + j;
                    weight.Slice(from * columns, columns).CopyTo(result.AsSpan(to * columns, columns));
                }
            }
        }

        return result;
    }

    private static float[] Transpose(ReadOnlySpan<float> values, int rows, int columns)
    {
        var result = new float[values.Length];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                result[(c * rows) + r] = values[(r * columns) + c];
            }
        }

        return result;
    }
}

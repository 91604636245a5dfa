using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace EnergyGate.Core.Models.Tiny;

/// <summary>
/// The weights of a <see cref="TinyModelSpec"/> under their Hugging Face GPT-2 or Llama names, as
/// fp32 little-endian bytes (shared by the ONNX and safetensors files without copies).
/// </summary>
/// <remarks>
/// Generator, so other runtimes can recompute them: for a tensor named N, the state of a SplitMix64
/// generator starts at <c>seed * 0x9E3779B97F4A7C15 ^ FNV-1a-64(UTF-8 bytes of N)</c>; each element, in
/// row-major order, is <c>center + range * (2u - 1)</c> with <c>u = (next() &gt;&gt; 40) / 2^24</c>.
/// Ranges: wte 0.5, wpe 0.1, ln weights 1 ± 0.1, ln biases 0.05, matrices <c>sqrt(3 / fan_in)</c>
/// (unit variance of the output), linear biases 0.02. Llama: embed_tokens 0.5, RMSNorm weights 1 ± 0.1,
/// every projection <c>[out, in]</c> (nn.Linear) with range <c>sqrt(3 / in)</c>, lm_head <c>sqrt(3 / hidden)</c>.
/// </remarks>
public sealed class TinyWeights
{
    private readonly List<TinyTensor> _tensors = [];

    private TinyWeights() { }

    /// <summary>Weights that were not generated (the trained <c>builtin:coder</c>), in the given order.</summary>
    internal static TinyWeights FromTensors(IEnumerable<TinyTensor> tensors)
    {
        var w = new TinyWeights();
        w._tensors.AddRange(tensors);
        return w;
    }

    /// <summary>Tensors in creation order (embeddings, blocks, final norm, head).</summary>
    public IReadOnlyList<TinyTensor> Tensors => _tensors;

    /// <summary>The tensor called <paramref name="name"/>.</summary>
    public TinyTensor this[string name] => _tensors.First(t => t.Name == name);

    /// <summary>Generates every weight of <paramref name="spec"/>.</summary>
    public static TinyWeights Generate(TinyModelSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        // The byte views below assume the file's byte order is the machine's.
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("The tiny model writer needs a little-endian machine.");
        }

        return spec.IsLlama ? GenerateLlama(spec) : GenerateGpt2(spec);
    }

    private static TinyWeights GenerateGpt2(TinyModelSpec spec)
    {
        int e = spec.Hidden;
        var w = new TinyWeights();
        w.Add(spec.Seed, "transformer.wte.weight", [spec.Vocab, e], 0, 0.5f);
        w.Add(spec.Seed, "transformer.wpe.weight", [spec.Context, e], 0, 0.1f);
        for (int i = 0; i < spec.Layers; i++)
        {
            var p = $"transformer.h.{i}.";
            w.AddNorm(spec.Seed, p + "ln_1", e);
            w.AddLinear(spec.Seed, p + "attn.c_attn", e, 3 * e);
            w.AddLinear(spec.Seed, p + "attn.c_proj", e, e);
            w.AddNorm(spec.Seed, p + "ln_2", e);
            w.AddLinear(spec.Seed, p + "mlp.c_fc", e, 4 * e);
            w.AddLinear(spec.Seed, p + "mlp.c_proj", 4 * e, e);
        }

        w.AddNorm(spec.Seed, "transformer.ln_f", e);
        if (!spec.TiedEmbeddings)
        {
            w.Add(spec.Seed, "lm_head.weight", [spec.Vocab, e], 0, MathF.Sqrt(3f / e));
        }

        return w;
    }

    // Hugging Face LlamaForCausalLM names and nn.Linear's [out, in] layout.
    private static TinyWeights GenerateLlama(TinyModelSpec spec)
    {
        int e = spec.Hidden, kv = spec.KeyValueHeads * spec.HeadDim, f = spec.FeedForward;
        var w = new TinyWeights();
        w.Add(spec.Seed, "model.embed_tokens.weight", [spec.Vocab, e], 0, 0.5f);
        for (int i = 0; i < spec.Layers; i++)
        {
            var p = $"model.layers.{i}.";
            w.Add(spec.Seed, p + "input_layernorm.weight", [e], 1, 0.1f);
            w.AddProjection(spec.Seed, p + "self_attn.q_proj", e, e);
            w.AddProjection(spec.Seed, p + "self_attn.k_proj", e, kv);
            w.AddProjection(spec.Seed, p + "self_attn.v_proj", e, kv);
            w.AddProjection(spec.Seed, p + "self_attn.o_proj", e, e);
            w.Add(spec.Seed, p + "post_attention_layernorm.weight", [e], 1, 0.1f);
            w.AddProjection(spec.Seed, p + "mlp.gate_proj", e, f);
            w.AddProjection(spec.Seed, p + "mlp.up_proj", e, f);
            w.AddProjection(spec.Seed, p + "mlp.down_proj", f, e);
        }

        w.Add(spec.Seed, "model.norm.weight", [e], 1, 0.1f);
        if (!spec.TiedEmbeddings)
        {
            w.Add(spec.Seed, "lm_head.weight", [spec.Vocab, e], 0, MathF.Sqrt(3f / e));
        }

        return w;
    }

    private void AddProjection(int seed, string prefix, int fanIn, int fanOut) =>
        Add(seed, prefix + ".weight", [fanOut, fanIn], 0, MathF.Sqrt(3f / fanIn));

    private void AddNorm(int seed, string prefix, int width)
    {
        Add(seed, prefix + ".weight", [width], 1, 0.1f);
        Add(seed, prefix + ".bias", [width], 0, 0.05f);
    }

    // Conv1D layout of Hugging Face GPT-2: [in, out], so y = x W + b without a transpose.
    private void AddLinear(int seed, string prefix, int fanIn, int fanOut)
    {
        Add(seed, prefix + ".weight", [fanIn, fanOut], 0, MathF.Sqrt(3f / fanIn));
        Add(seed, prefix + ".bias", [fanOut], 0, 0.02f);
    }

    private void Add(int seed, string name, long[] shape, float center, float range)
    {
        long count = shape.Aggregate(1L, (a, b) => a * b);
        var bytes = new byte[checked(count * sizeof(float))];
        var values = MemoryMarshal.Cast<byte, float>(bytes.AsSpan());
        ulong state = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL) ^ Fnv1a64(name);
        for (int i = 0; i < values.Length; i++)
        {
            float u = (SplitMix64(ref state) >> 40) * (1f / (1 << 24));
            values[i] = center + range * (2f * u - 1f);
        }

        _tensors.Add(new TinyTensor(name, shape, bytes));
    }

    /// <summary>One step of SplitMix64 (Steele, Lea, Flood 2014).</summary>
    internal static ulong SplitMix64(ref ulong state)
    {
        unchecked
        {
            ulong z = state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }

    internal static ulong Fnv1a64(string text)
    {
        ulong hash = 0xCBF29CE484222325UL;
        foreach (byte b in Encoding.UTF8.GetBytes(text))
        {
            hash = unchecked((hash ^ b) * 0x100000001B3UL);
        }

        return hash;
    }
}

/// <summary>One fp32 weight: its Hugging Face name, shape and little-endian bytes.</summary>
/// <param name="Name">Hugging Face parameter name.</param>
/// <param name="Shape">Dimensions, row-major.</param>
/// <param name="Bytes">fp32 little-endian values.</param>
public sealed record TinyTensor(string Name, long[] Shape, byte[] Bytes)
{
    /// <summary>The values as floats (a view of <see cref="Bytes"/>).</summary>
    public ReadOnlySpan<float> Values => MemoryMarshal.Cast<byte, float>(Bytes.AsSpan());

    /// <summary>Element <paramref name="index"/> in row-major order.</summary>
    public float this[long index] => BinaryPrimitives.ReadSingleLittleEndian(Bytes.AsSpan(checked((int)(index * 4))));
}

using System.Runtime.InteropServices;
using EnergyGate.Core.Models.Tiny;

namespace EnergyGate.Core.Models.Gguf;

/// <summary>
/// Writes a built-in tiny model (<see cref="TinyModelSpec"/>) as a GGUF file llama.cpp loads: the same
/// weights as its ONNX and safetensors files, under llama.cpp's names and layouts for arch <c>gpt2</c> or
/// <c>llama</c>, with the hyper-parameters and the byte-level BPE tokenizer in the metadata. The same
/// spec and type always give byte-identical files.
/// </summary>
public static class TinyGgufWriter
{
    /// <summary>The pre-tokenizer name llama.cpp maps to GPT-2's split regex, which the tiny tokenizer.json's ByteLevel pre-tokenizer uses.</summary>
    public const string PreTokenizer = "gpt-2";

    // llama.cpp's token types (llama_token_type): ordinary vocabulary and special control tokens.
    private const int NormalToken = 1;
    private const int ControlToken = 3;

    /// <summary>
    /// Writes <paramref name="spec"/> to <paramref name="path"/> (atomically). <paramref name="type"/>
    /// <see cref="GgufFileType.MostlyF16"/> stores matrices as F16 and keeps 1-D norms and biases F32, as
    /// llama.cpp's converter does.
    /// </summary>
    /// <exception cref="EnergyGateException">The spec is out of range (EG2010).</exception>
    public static void Write(string path, TinyModelSpec spec, GgufFileType type)
    {
        ArgumentNullException.ThrowIfNull(spec);
        Create(spec, type).WriteFile(path);
    }

    /// <summary>The writer holding every key and tensor of <paramref name="spec"/>, for callers that stream it elsewhere.</summary>
    public static GgufWriter Create(TinyModelSpec spec, GgufFileType type)
    {
        ArgumentNullException.ThrowIfNull(spec);
        spec.Validate();
        var (tokens, merges) = ByteLevelBpeTrainer.Train(TinyCorpus.For(spec.Vocab), spec.Vocab - 1);
        return Create(spec, type, TinyWeights.Generate(spec), tokens, merges,
            $"EnergyGate tiny-{spec.ArchitectureName} {spec.ShortHash}", TinyConfigFiles.Metadata(spec));
    }

    /// <summary>
    /// The writer for a built-in model whose weights and vocabulary come from elsewhere (the trained
    /// <c>builtin:coder</c>); <paramref name="tokens"/> in id order without end-of-text, <paramref name="merges"/> in rank order.
    /// </summary>
    internal static GgufWriter Create(TinyModelSpec spec, GgufFileType type, TinyWeights weights,
        IReadOnlyList<string> tokens, IReadOnlyList<(string Left, string Right)> merges, string name, IEnumerable<KeyValuePair<string, string>> metadata)
    {
        if (type is not (GgufFileType.AllF32 or GgufFileType.MostlyF16))
        {
            throw new ArgumentOutOfRangeException(nameof(type), type, "Only AllF32 and MostlyF16 are written.");
        }

        var gguf = new GgufWriter();
        gguf.AddString("general.architecture", spec.ArchitectureName);
        gguf.AddString("general.name", name);
        gguf.AddUInt32("general.file_type", (uint)type);
        foreach (var (key, value) in metadata)
        {
            gguf.AddString(key, value);
        }

        AddHyperParameters(gguf, spec);
        AddTokenizer(gguf, spec, tokens, merges);
        foreach (var t in TinyGgufTensors.Map(spec, weights))
        {
            bool half = type == GgufFileType.MostlyF16 && t.Shape.Length > 1;
            gguf.AddTensor(t.Name, t.Shape, half ? GgmlType.F16 : GgmlType.F32, half ? ToHalfBytes(t.Values) : MemoryMarshal.AsBytes(t.Values.AsSpan()).ToArray());
        }

        return gguf;
    }

    private static void AddHyperParameters(GgufWriter gguf, TinyModelSpec spec)
    {
        var arch = spec.ArchitectureName;
        gguf.AddUInt32($"{arch}.vocab_size", (uint)spec.Vocab);
        gguf.AddUInt32($"{arch}.context_length", (uint)spec.Context);
        gguf.AddUInt32($"{arch}.embedding_length", (uint)spec.Hidden);
        gguf.AddUInt32($"{arch}.block_count", (uint)spec.Layers);
        gguf.AddUInt32($"{arch}.feed_forward_length", (uint)spec.FeedForward);
        gguf.AddUInt32($"{arch}.attention.head_count", (uint)spec.Heads);
        if (spec.IsLlama)
        {
            gguf.AddUInt32($"{arch}.attention.head_count_kv", (uint)spec.KeyValueHeads);
            gguf.AddFloat32($"{arch}.attention.layer_norm_rms_epsilon", (float)spec.RmsNormEps);
            gguf.AddFloat32($"{arch}.rope.freq_base", (float)spec.RopeTheta);
            // Every dimension of a head rotates (transformers' Llama has no partial rotary factor).
            gguf.AddUInt32($"{arch}.rope.dimension_count", (uint)spec.HeadDim);
        }
        else
        {
            // config.json's layer_norm_epsilon; the ONNX graph and the torch runtime use the same value.
            gguf.AddFloat32($"{arch}.attention.layer_norm_epsilon", 1e-5f);
        }
    }

    // The same vocabulary and merges as tokenizer.json.
    private static void AddTokenizer(GgufWriter gguf, TinyModelSpec spec, IReadOnlyList<string> tokens, IReadOnlyList<(string Left, string Right)> merges)
    {
        gguf.AddString("tokenizer.ggml.model", "gpt2");
        gguf.AddString("tokenizer.ggml.pre", PreTokenizer);
        gguf.AddStringArray("tokenizer.ggml.tokens", tokens.Append(TinyConfigFiles.EndOfText));
        gguf.AddInt32Array("tokenizer.ggml.token_type", tokens.Select(_ => NormalToken).Append(ControlToken));
        gguf.AddStringArray("tokenizer.ggml.merges", merges.Select(m => m.Left + " " + m.Right));
        gguf.AddUInt32("tokenizer.ggml.bos_token_id", (uint)spec.EosId);
        gguf.AddUInt32("tokenizer.ggml.eos_token_id", (uint)spec.EosId);
        // tokenizer.json's post-processor adds nothing, so llama.cpp must not prepend or append either.
        gguf.AddBool("tokenizer.ggml.add_bos_token", false);
        gguf.AddBool("tokenizer.ggml.add_eos_token", false);
    }

    private static byte[] ToHalfBytes(float[] values)
    {
        var halves = new Half[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            // Round to nearest even, as numpy's astype(float16) in the converter does.
            halves[i] = (Half)values[i];
        }

        return MemoryMarshal.AsBytes(halves.AsSpan()).ToArray();
    }
}

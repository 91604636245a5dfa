using System.Runtime.InteropServices;
using EnergyGate.Core.Models.Gguf;
using EnergyGate.Core.Models.Tiny;
using EnergyGate.Core.Tests.TestSupport;

namespace EnergyGate.Core.Tests.Models.Gguf;

public sealed class TinyGgufWriterTests
{
    private static readonly TinyModelSpec Gpt2 = new();
    private static readonly TinyModelSpec Llama = new(Architecture: TinyArchitecture.Llama);

    [Theory]
    [InlineData(false, GgufFileType.AllF32)]
    [InlineData(true, GgufFileType.MostlyF16)]
    public void The_same_spec_gives_byte_identical_files(bool llama, GgufFileType type)
    {
        using var dir = new TempDir();
        var spec = llama ? Llama : Gpt2;
        TinyGgufWriter.Write(dir.File("a.gguf"), spec, type);
        TinyGgufWriter.Write(dir.File("b.gguf"), spec, type);

        Assert.Equal(File.ReadAllBytes(dir.File("a.gguf")), File.ReadAllBytes(dir.File("b.gguf")));
        Assert.Equal(["a.gguf", "b.gguf"], dir.AllFiles().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Gpt2_header_has_llama_cpp_names_shapes_and_hyper_parameters()
    {
        using var dir = new TempDir();
        TinyGgufWriter.Write(dir.File("m.gguf"), Gpt2, GgufFileType.AllF32);

        var h = GgufReader.ReadHeader(dir.File("m.gguf"));

        Assert.Equal(("gpt2", 512L, 2L, 512L, GgufFileType.AllF32), (h.Architecture, h.ContextLength, h.BlockCount, h.VocabSize, h.FileType));
        Assert.Equal(1e-5f, (float)h.Find("gpt2.attention.layer_norm_epsilon")!.Value);
        Assert.Equal(256L, h.GetInteger("gpt2.feed_forward_length"));
        var dims = h.Tensors.ToDictionary(t => t.Name, t => string.Join(",", t.Dimensions));
        // ne order: Conv1D [in, out] weights are transposed, so ne[0] is the input width.
        Assert.Equal("64,192", dims["blk.0.attn_qkv.weight"]);
        Assert.Equal("256,64", dims["blk.1.ffn_down.weight"]);
        Assert.Equal("64,512", dims["token_embd.weight"]);
        Assert.Equal("64,512", dims["position_embd.weight"]);
        Assert.Equal("64,512", dims["output.weight"]);
        Assert.Equal("64", dims["output_norm.bias"]);
        Assert.Equal(29, h.Tensors.Count);
    }

    [Fact]
    public void Tokenizer_metadata_is_the_tiny_byte_level_bpe()
    {
        using var dir = new TempDir();
        TinyGgufWriter.Write(dir.File("m.gguf"), Llama, GgufFileType.AllF32);

        var h = GgufReader.ReadHeader(dir.File("m.gguf"));
        var tokens = (string[])((GgufArray)h.Find("tokenizer.ggml.tokens")!.Value).Values;
        var types = (int[])((GgufArray)h.Find("tokenizer.ggml.token_type")!.Value).Values;

        Assert.Equal(("gpt2", "gpt-2"), (h.GetString("tokenizer.ggml.model"), h.GetString("tokenizer.ggml.pre")));
        Assert.Equal(512, tokens.Length);
        Assert.Equal("<|endoftext|>", tokens[^1]);
        Assert.Equal(3, types[^1]);
        Assert.All(types[..^1], t => Assert.Equal(1, t));
        Assert.Equal(512 - 1 - 256, ((GgufArray)h.Find("tokenizer.ggml.merges")!.Value).Values.Length);
        Assert.Equal((511L, 511L), (h.GetInteger("tokenizer.ggml.bos_token_id"), h.GetInteger("tokenizer.ggml.eos_token_id")));
        Assert.False((bool)h.Find("tokenizer.ggml.add_bos_token")!.Value);
    }

    [Fact]
    public void Llama_header_has_rope_and_grouped_query_keys_and_no_output_when_tied()
    {
        using var dir = new TempDir();
        var spec = Llama with { TiedEmbeddings = true, RopeTheta = 500000 };
        TinyGgufWriter.Write(dir.File("m.gguf"), spec, GgufFileType.AllF32);

        var h = GgufReader.ReadHeader(dir.File("m.gguf"));

        Assert.Equal((4L, 2L, 16L), (h.GetInteger("llama.attention.head_count"), h.GetInteger("llama.attention.head_count_kv"), h.GetInteger("llama.rope.dimension_count")));
        Assert.Equal(500000.0, h.GetNumber("llama.rope.freq_base"));
        Assert.Equal(1e-5f, (float)h.Find("llama.attention.layer_norm_rms_epsilon")!.Value);
        Assert.DoesNotContain(h.Tensors, t => t.Name == "output.weight");
        Assert.Equal("64,32", string.Join(",", h.Tensors.Single(t => t.Name == "blk.0.attn_k.weight").Dimensions));
    }

    [Fact]
    public void F16_stores_matrices_as_rounded_halves_and_keeps_vectors_f32()
    {
        using var dir = new TempDir();
        var path = dir.File("m.gguf");
        TinyGgufWriter.Write(path, Llama, GgufFileType.MostlyF16);
        var h = GgufReader.ReadHeader(path);
        var bytes = File.ReadAllBytes(path);
        var weights = TinyWeights.Generate(Llama);

        var embed = h.Tensors.Single(t => t.Name == "token_embd.weight");
        var halves = MemoryMarshal.Cast<byte, Half>(bytes.AsSpan((int)(h.DataOffset + (long)embed.Offset), (int)embed.ByteSize!.Value));
        var original = weights["model.embed_tokens.weight"].Values;
        Assert.Equal(GgufFileType.MostlyF16, h.FileType);
        Assert.Equal(GgmlType.F16, embed.Type);
        for (int i = 0; i < original.Length; i++)
        {
            Assert.Equal((Half)original[i], halves[i]);
        }

        Assert.True(Math.Abs((float)halves[7] - original[7]) <= Math.Abs(original[7]) / 1024);
        Assert.All(h.Tensors.Where(t => t.Dimensions.Count == 1), t => Assert.Equal(GgmlType.F32, t.Type));
        Assert.All(h.Tensors.Where(t => t.Dimensions.Count == 2), t => Assert.Equal(GgmlType.F16, t.Type));
    }

    [Fact]
    public void Rotary_permutation_pairs_each_half_row_with_its_partner_side_by_side()
    {
        // Two heads of head_dim 4, two columns; row r holds (10 r, 10 r + 1). Within a head the
        // rotate-half pairs are (0, 2) and (1, 3); ggml's adjacent order is rows 0, 2, 1, 3.
        float[] weight = [.. Enumerable.Range(0, 8).SelectMany(r => new[] { 10f * r, (10f * r) + 1 })];

        var permuted = TinyGgufTensors.PermuteRotaryRows(weight, heads: 2, columns: 2);

        Assert.Equal([0, 1, 20, 21, 10, 11, 30, 31, 40, 41, 60, 61, 50, 51, 70, 71], permuted);
    }

    [Fact]
    public void Llama_query_and_key_rows_are_permuted_in_the_file()
    {
        using var dir = new TempDir();
        var path = dir.File("m.gguf");
        TinyGgufWriter.Write(path, Llama, GgufFileType.AllF32);
        var h = GgufReader.ReadHeader(path);
        var bytes = File.ReadAllBytes(path);
        var weights = TinyWeights.Generate(Llama);

        float[] Read(string name)
        {
            var t = h.Tensors.Single(t => t.Name == name);
            return MemoryMarshal.Cast<byte, float>(bytes.AsSpan((int)(h.DataOffset + (long)t.Offset), (int)t.ByteSize!.Value)).ToArray();
        }

        // head_dim 16: ggml row 1 of head 0 is HF row 8 (the partner of row 0); K has 2 heads.
        var q = weights["model.layers.0.self_attn.q_proj.weight"].Values;
        var k = weights["model.layers.1.self_attn.k_proj.weight"].Values;
        Assert.Equal(q.Slice(8 * 64, 64).ToArray(), Read("blk.0.attn_q.weight").AsSpan(1 * 64, 64).ToArray());
        Assert.Equal(k.Slice((16 + 8 + 3) * 64, 64).ToArray(), Read("blk.1.attn_k.weight").AsSpan((16 + 7) * 64, 64).ToArray());
        Assert.Equal(weights["model.layers.0.self_attn.v_proj.weight"].Values.ToArray(), Read("blk.0.attn_v.weight"));
    }
}

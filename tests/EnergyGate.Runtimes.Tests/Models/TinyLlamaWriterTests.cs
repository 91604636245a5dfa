using System.Security.Cryptography;
using System.Text.Json;
using EnergyGate.Core;
using EnergyGate.Core.Models.Safetensors;
using EnergyGate.Core.Models.Tiny;
using EnergyGate.Runtimes.Tests.TestSupport;

namespace EnergyGate.Runtimes.Tests.Models;

public sealed class TinyLlamaWriterTests
{
    private static readonly TinyModelSpec Llama = new(Architecture: TinyArchitecture.Llama);

    [Fact]
    public void Same_spec_writes_identical_bytes()
    {
        using var temp = new TempFolder();
        TinyModelWriter.Write(Path.Combine(temp.Path, "a"), Llama);
        TinyModelWriter.Write(Path.Combine(temp.Path, "b"), Llama);
        foreach (var file in Directory.GetFiles(Path.Combine(temp.Path, "a")).Select(Path.GetFileName))
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(temp.Path, "a", file!)), File.ReadAllBytes(Path.Combine(temp.Path, "b", file!)));
        }
    }

    [Fact]
    public void Gpt2_files_and_hash_are_unchanged_by_the_llama_variant()
    {
        // Pinned from the writer before the Llama variant existed: committed baselines name this model.
        using var temp = new TempFolder();
        var gpt2 = new TinyModelSpec();
        TinyModelWriter.Write(temp.Path, gpt2);
        Assert.Equal("2350037b2275d6480db6cb05e2f3a8627c83bb5d3dbf1335cc3e3deec79b0dfe", Sha256(Path.Combine(temp.Path, "model.onnx")));
        Assert.Equal("11f784b1d8956676da598bc6dfd9f4b4e4705296a98e4375e83013b3e6737262", Sha256(Path.Combine(temp.Path, "model.safetensors")));
        Assert.Equal(Gpt2DefaultHash, gpt2.ShortHash);
    }

    [Fact]
    public void Every_field_changes_the_hash()
    {
        TinyModelSpec[] variants =
        [
            Llama, Llama with { Layers = 3 }, Llama with { Hidden = 128 }, Llama with { Heads = 8 }, Llama with { Vocab = 600 },
            Llama with { Context = 256 }, Llama with { Seed = 2 }, Llama with { TiedEmbeddings = true }, Llama with { KvHeads = 1 },
            Llama with { Intermediate = 256 }, Llama with { RopeTheta = 500000 }, Llama with { RmsNormEps = 1e-6 }, new TinyModelSpec(),
        ];
        Assert.Equal(variants.Length, variants.Select(v => v.ShortHash).Distinct().Count());
        // Stating a default explicitly names the same model.
        Assert.Equal(Llama.ShortHash, (Llama with { KvHeads = 2, Intermediate = 192 }).ShortHash);
    }

    [Fact]
    public void Defaults_are_half_the_heads_and_eight_thirds_of_hidden_rounded_to_32()
    {
        Assert.Equal(2, Llama.KeyValueHeads);
        Assert.Equal(192, Llama.FeedForward);
        Assert.Equal(1376, TinyModelSpec.DefaultIntermediate(512));
        Assert.Equal(3, TinyModelSpec.DefaultKvHeads(6));
        Assert.Equal(1, TinyModelSpec.DefaultKvHeads(5));
        Assert.Equal(1, TinyModelSpec.DefaultKvHeads(1));
    }

    [Fact]
    public void Safetensors_and_config_use_hugging_face_llama_names_and_shapes()
    {
        using var temp = new TempFolder();
        var spec = Llama with { Layers = 3, Hidden = 96, Heads = 6, KvHeads = 2, Intermediate = 160, Vocab = 300, Context = 128 };
        TinyModelWriter.Write(temp.Path, spec);
        var file = SafetensorsFile.Open(Path.Combine(temp.Path, "model.safetensors"));
        Assert.Equal(1 + (9 * spec.Layers) + 2, file.Entries.Count);
        Assert.Equal(spec.ParameterCount, file.Entries.Values.Sum(e => (e.End - e.Begin) / 4));
        Assert.Equal([300L, 96], file.Entries["model.embed_tokens.weight"].Shape);
        Assert.Equal([96L, 96], file.Entries["model.layers.2.self_attn.q_proj.weight"].Shape);
        Assert.Equal([32L, 96], file.Entries["model.layers.2.self_attn.k_proj.weight"].Shape);
        Assert.Equal([32L, 96], file.Entries["model.layers.0.self_attn.v_proj.weight"].Shape);
        Assert.Equal([96L, 96], file.Entries["model.layers.1.self_attn.o_proj.weight"].Shape);
        Assert.Equal([160L, 96], file.Entries["model.layers.0.mlp.gate_proj.weight"].Shape);
        Assert.Equal([160L, 96], file.Entries["model.layers.0.mlp.up_proj.weight"].Shape);
        Assert.Equal([96L, 160], file.Entries["model.layers.0.mlp.down_proj.weight"].Shape);
        Assert.Equal([96L], file.Entries["model.layers.0.input_layernorm.weight"].Shape);
        Assert.Equal([96L], file.Entries["model.layers.0.post_attention_layernorm.weight"].Shape);
        Assert.Equal([96L], file.Entries["model.norm.weight"].Shape);
        Assert.Equal([300L, 96], file.Entries["lm_head.weight"].Shape);
        Assert.DoesNotContain(file.Entries.Keys, k => k.EndsWith(".bias", StringComparison.Ordinal));

        using var config = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(temp.Path, "config.json")));
        var c = config.RootElement;
        Assert.Equal("LlamaForCausalLM", c.GetProperty("architectures")[0].GetString());
        Assert.Equal("llama", c.GetProperty("model_type").GetString());
        Assert.Equal(96, c.GetProperty("hidden_size").GetInt32());
        Assert.Equal(160, c.GetProperty("intermediate_size").GetInt32());
        Assert.Equal(6, c.GetProperty("num_attention_heads").GetInt32());
        Assert.Equal(2, c.GetProperty("num_key_value_heads").GetInt32());
        Assert.Equal(3, c.GetProperty("num_hidden_layers").GetInt32());
        Assert.Equal(128, c.GetProperty("max_position_embeddings").GetInt32());
        Assert.Equal(1e-5, c.GetProperty("rms_norm_eps").GetDouble());
        Assert.Equal(10000, c.GetProperty("rope_theta").GetDouble());
        Assert.Equal(JsonValueKind.Null, c.GetProperty("rope_scaling").ValueKind);
        Assert.False(c.GetProperty("tie_word_embeddings").GetBoolean());
        Assert.Equal("silu", c.GetProperty("hidden_act").GetString());
        Assert.Equal(299, c.GetProperty("eos_token_id").GetInt32());

        using var genai = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(temp.Path, "genai_config.json")));
        var decoder = genai.RootElement.GetProperty("model").GetProperty("decoder");
        Assert.Equal("llama", genai.RootElement.GetProperty("model").GetProperty("type").GetString());
        Assert.Equal(2, decoder.GetProperty("num_key_value_heads").GetInt32());
        Assert.Equal(6, decoder.GetProperty("num_attention_heads").GetInt32());
        Assert.Equal(16, decoder.GetProperty("head_size").GetInt32());
    }

    [Theory]
    [InlineData(4, 3, "heads (4) must be a multiple of kv-heads (3)")]
    [InlineData(4, 8, "heads (4) must be a multiple of kv-heads (8)")]
    public void Kv_heads_that_do_not_divide_heads_are_a_clear_error(int heads, int kvHeads, string expected)
    {
        var e = Assert.Throws<EnergyGateException>(() => (Llama with { Heads = heads, KvHeads = kvHeads }).Validate());
        Assert.StartsWith("EG2010", e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Llama_only_fields_on_gpt2_are_an_error()
    {
        var e = Assert.Throws<EnergyGateException>(() => new TinyModelSpec(KvHeads: 2).Validate());
        Assert.Contains("apply only to architecture llama", e.Message, StringComparison.Ordinal);
    }

    private const string Gpt2DefaultHash = "1ef77edc";

    private static string Sha256(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));
}

using System.Diagnostics;
using System.Text.Json;
using EnergyGate.Core;
using EnergyGate.Core.Models.Tiny;
using EnergyGate.Runtimes.Tests.TestSupport;
using Xunit.Abstractions;

namespace EnergyGate.Runtimes.Tests.Models;

public sealed class TinyModelWriterTests(ITestOutputHelper output)
{
    private static readonly string[] Files =
        ["model.onnx", "model.safetensors", "config.json", "tokenizer.json", "tokenizer_config.json", "genai_config.json"];

    [Fact]
    public void Same_spec_writes_identical_bytes_and_another_seed_changes_the_weights()
    {
        using var temp = new TempFolder();
        var spec = new TinyModelSpec();
        var clock = Stopwatch.StartNew();
        TinyModelWriter.Write(Path.Combine(temp.Path, "a"), spec);
        var first = clock.Elapsed;
        TinyModelWriter.Write(Path.Combine(temp.Path, "b"), spec);
        TinyModelWriter.Write(Path.Combine(temp.Path, "c"), spec with { Seed = 2 });
        output.WriteLine($"default tiny model ({spec.ParameterCount} parameters) written in {first.TotalMilliseconds:F0} ms");

        foreach (var file in Files)
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(temp.Path, "a", file)), File.ReadAllBytes(Path.Combine(temp.Path, "b", file)));
        }

        Assert.NotEqual(File.ReadAllBytes(Path.Combine(temp.Path, "a", "model.safetensors")), File.ReadAllBytes(Path.Combine(temp.Path, "c", "model.safetensors")));
        // Loose: the first write also pays for JIT; the point is "not seconds".
        Assert.True(first < TimeSpan.FromSeconds(3), $"writing took {first}");
    }

    [Fact]
    public void Tokenizer_json_is_a_byte_level_bpe_whose_ids_match_the_model()
    {
        using var temp = new TempFolder();
        var spec = new TinyModelSpec(Vocab: 700);
        TinyModelWriter.Write(temp.Path, spec);
        using var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(temp.Path, "tokenizer.json")));
        var model = doc.RootElement.GetProperty("model");
        Assert.Equal("BPE", model.GetProperty("type").GetString());
        Assert.Equal("ByteLevel", doc.RootElement.GetProperty("pre_tokenizer").GetProperty("type").GetString());
        Assert.Equal("ByteLevel", doc.RootElement.GetProperty("decoder").GetProperty("type").GetString());

        var vocab = model.GetProperty("vocab").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());
        Assert.Equal(spec.Vocab, vocab.Count);
        Assert.Equal(Enumerable.Range(0, spec.Vocab), vocab.Values.Order());
        Assert.Equal(699, vocab["<|endoftext|>"]);
        // Ids 0..255 are the bytes; GPT-2's table spells space as 'Ġ' and newline as 'Ċ'.
        Assert.Equal(0x20, vocab["Ġ"]);
        Assert.Equal(0x0A, vocab["Ċ"]);
        Assert.Equal('a', vocab["a"]);
        var added = doc.RootElement.GetProperty("added_tokens")[0];
        Assert.Equal(699, added.GetProperty("id").GetInt32());
        Assert.True(added.GetProperty("special").GetBoolean());

        // Every merge joins two vocabulary entries into a third.
        foreach (var merge in model.GetProperty("merges").EnumerateArray().Select(m => m.GetString()!.Split(' ')))
        {
            Assert.Equal(2, merge.Length);
            Assert.Contains(merge[0], vocab.Keys);
            Assert.Contains(merge[1], vocab.Keys);
            Assert.Contains(merge[0] + merge[1], vocab.Keys);
        }
    }

    [Fact]
    public void Config_json_describes_the_gpt2_shape()
    {
        using var temp = new TempFolder();
        var spec = new TinyModelSpec(Layers: 3, Hidden: 48, Heads: 6, Vocab: 300, Context: 128, Seed: 7);
        TinyModelWriter.Write(temp.Path, spec);
        using var config = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(temp.Path, "config.json")));
        var c = config.RootElement;
        Assert.Equal("gpt2", c.GetProperty("model_type").GetString());
        Assert.Equal(3, c.GetProperty("n_layer").GetInt32());
        Assert.Equal(6, c.GetProperty("n_head").GetInt32());
        Assert.Equal(48, c.GetProperty("n_embd").GetInt32());
        Assert.Equal(300, c.GetProperty("vocab_size").GetInt32());
        Assert.Equal(128, c.GetProperty("n_positions").GetInt32());
        Assert.Equal(299, c.GetProperty("eos_token_id").GetInt32());
        Assert.Equal(1e-5, c.GetProperty("layer_norm_epsilon").GetDouble());
        using var genai = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(temp.Path, "genai_config.json")));
        var decoder = genai.RootElement.GetProperty("model").GetProperty("decoder");
        Assert.Equal(8, decoder.GetProperty("head_size").GetInt32());
        Assert.Equal("past_key_values.%d.key", decoder.GetProperty("inputs").GetProperty("past_key_names").GetString());
    }

    [Fact]
    public void Spec_out_of_range_is_a_clear_error()
    {
        using var temp = new TempFolder();
        var e = Assert.Throws<EnergyGateException>(() => TinyModelWriter.Write(temp.Path, new TinyModelSpec(Hidden: 65, Heads: 4)));
        Assert.Contains("Hidden (65) must be a multiple of Heads (4)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Catalog_writes_once_into_a_hashed_folder_and_reuses_it()
    {
        using var temp = new TempFolder();
        var spec = new TinyModelSpec(Layers: 1, Hidden: 32);
        var folder = await TinyModelCatalog.EnsureAsync(temp.Path, spec);
        Assert.Equal(Path.Combine(temp.Path, "models", "builtin-tiny-" + spec.ShortHash), folder);
        var stamp = File.GetLastWriteTimeUtc(Path.Combine(folder, "model.onnx"));
        Assert.Equal(folder, await TinyModelCatalog.EnsureAsync(temp.Path, spec));
        Assert.Equal(stamp, File.GetLastWriteTimeUtc(Path.Combine(folder, "model.onnx")));
        Assert.Single(Directory.GetDirectories(Path.Combine(temp.Path, "models")));
        Assert.NotEqual(spec.ShortHash, (spec with { Seed = 2 }).ShortHash);
    }
}

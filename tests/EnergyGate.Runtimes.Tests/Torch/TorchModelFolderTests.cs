using System.Text.Json.Nodes;
using EnergyGate.Core;
using EnergyGate.Core.Models.Safetensors;
using EnergyGate.Runtimes.Tests.TestSupport;
using EnergyGate.Runtimes.Torch;

namespace EnergyGate.Runtimes.Tests.Torch;

/// <summary>What the torch runtime reads from a model folder, and its clear errors.</summary>
public sealed class TorchModelFolderTests(TinyModelFixture tiny) : IClassFixture<TinyModelFixture>
{
    private static readonly TorchSessionOptions Torch = new() { Threads = 1 };

    [Fact]
    public void Sharded_weights_with_an_index_give_the_same_logits()
    {
        using var temp = new TempFolder();
        File.Copy(Path.Combine(tiny.Folder, "config.json"), Path.Combine(temp.Path, "config.json"));
        var single = SafetensorsFile.Open(Path.Combine(tiny.Folder, "model.safetensors"));
        var names = single.Entries.Keys.Order(StringComparer.Ordinal).ToList();
        var map = new JsonObject();
        var shards = new[] { names.Take(names.Count / 2).ToList(), names.Skip(names.Count / 2).ToList() };
        for (int s = 0; s < shards.Length; s++)
        {
            var file = $"model-0000{s + 1}-of-00002.safetensors";
            using (var stream = File.Create(Path.Combine(temp.Path, file)))
            {
                SafetensorsWriter.Write(stream, shards[s].Select(n => (n, single.Entries[n].Shape, single.ReadBytes(n))));
            }

            shards[s].ForEach(n => map[n] = file);
        }

        File.WriteAllText(Path.Combine(temp.Path, "model.safetensors.index.json"), new JsonObject { ["metadata"] = new JsonObject(), ["weight_map"] = map }.ToJsonString());
        using var whole = TorchDecoderSession.Open(tiny.Folder, Torch);
        using var sharded = TorchDecoderSession.Open(temp.Path, Torch);
        int[] prompt = [3, 1, 4, 1, 5, 9, 2, 6];
        Assert.Equal(0f, TorchOnnxParity.Diff(whole.Prefill(prompt), sharded.Prefill(prompt)));
        Assert.Equal(0f, TorchOnnxParity.Diff(whole.Decode(7), sharded.Decode(7)));
    }

    [Fact]
    public void Cuda_on_the_cpu_backend_is_a_clear_error_and_falls_back_when_allowed()
    {
        var e = Assert.Throws<EnergyGateException>(() => TorchDecoderSession.Open(tiny.Folder, Torch with { Provider = "cuda" }));
        Assert.StartsWith("EG2032: torch provider 'cuda' (device 0) cannot start: this build carries the CPU-only libtorch (TorchSharp-cpu)", e.Message, StringComparison.Ordinal);
        Assert.Contains("-p:EnergyGateTorchBackend=cuda", e.Message, StringComparison.Ordinal);
        using var fallback = TorchDecoderSession.Open(tiny.Folder, Torch with { Provider = "cuda", AllowCpuFallback = true });
        Assert.Equal("cpu", fallback.Provider);
        Assert.Contains("CPU fallback: EG2032", fallback.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Unsupported_architecture_names_config_json_and_the_field()
    {
        using var temp = CopyWithConfig(c => { c["model_type"] = "falcon"; c["architectures"] = new JsonArray("FalconForCausalLM"); });
        var e = Assert.Throws<EnergyGateException>(() => TorchDecoderSession.Open(temp.Path, Torch));
        Assert.StartsWith($"EG2033: {Path.Combine(temp.Path, "config.json")}: field 'model_type' must be one of gpt2, llama", e.Message, StringComparison.Ordinal);
        Assert.Contains("found model_type 'falcon'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Llama_configs_read_gqa_rope_scaling_and_qwen2_biases_and_reject_what_is_not_implemented()
    {
        var llama3 = HfConfigReader.Parse(Llama(new JsonObject { ["rope_type"] = "llama3", ["factor"] = 8.0, ["original_max_position_embeddings"] = 256 }), "m/config.json");
        Assert.Equal((DecoderFamily.Llama, 4, 2, 16, false), (llama3.Family, llama3.Heads, llama3.KvHeads, llama3.HeadDim, llama3.AttentionBias));
        Assert.Equal(new RopeSettings(10000, "llama3", 8, 256, 1, 4), llama3.Rope);
        var qwen = Llama();
        qwen["model_type"] = "qwen2";
        Assert.True(HfConfigReader.Parse(qwen, "m/config.json").AttentionBias);
        var yarn = Assert.Throws<EnergyGateException>(() => HfConfigReader.Parse(Llama(new JsonObject { ["rope_type"] = "yarn", ["factor"] = 4.0 }), "m/config.json"));
        Assert.Equal("EG2033: m/config.json: field 'rope_scaling.rope_type' must be one of default, linear, dynamic, llama3 (found 'yarn').", yarn.Message);
        var noHidden = Llama();
        noHidden.Remove("hidden_size");
        Assert.Equal("EG2033: m/config.json: field 'hidden_size' must be a positive integer.",
            Assert.Throws<EnergyGateException>(() => HfConfigReader.Parse(noHidden, "m/config.json")).Message);
    }

    [Fact]
    public void Missing_weights_and_unknown_provider_or_dtype_are_errors()
    {
        using var temp = CopyWithConfig(_ => { });
        File.Delete(Path.Combine(temp.Path, "model.safetensors"));
        Assert.Contains("expected model.safetensors, or shards with model.safetensors.index.json",
            Assert.Throws<EnergyGateException>(() => TorchDecoderSession.Open(temp.Path, Torch)).Message, StringComparison.Ordinal);
        Assert.StartsWith("EG2034: the torch runtime has no provider 'tensorrt'",
            Assert.Throws<EnergyGateException>(() => TorchDecoderSession.Open(tiny.Folder, Torch with { Provider = "tensorrt" })).Message, StringComparison.Ordinal);
        Assert.StartsWith("EG2034: unknown torch dtype 'int8'",
            Assert.Throws<EnergyGateException>(() => TorchDecoderSession.Open(tiny.Folder, Torch with { DType = "int8" })).Message, StringComparison.Ordinal);
    }

    private TempFolder CopyWithConfig(Action<JsonObject> edit)
    {
        var temp = new TempFolder();
        foreach (var file in Directory.GetFiles(tiny.Folder))
        {
            File.Copy(file, Path.Combine(temp.Path, Path.GetFileName(file)));
        }

        var config = (JsonObject)JsonNode.Parse(File.ReadAllText(Path.Combine(temp.Path, "config.json")))!;
        edit(config);
        File.WriteAllText(Path.Combine(temp.Path, "config.json"), config.ToJsonString());
        return temp;
    }

    internal static JsonObject Llama(JsonObject? ropeScaling = null) => new()
    {
        ["model_type"] = "llama",
        ["vocab_size"] = 300,
        ["hidden_size"] = 64,
        ["num_hidden_layers"] = 2,
        ["num_attention_heads"] = 4,
        ["num_key_value_heads"] = 2,
        ["intermediate_size"] = 128,
        ["max_position_embeddings"] = 512,
        ["rope_theta"] = 10000.0,
        ["rope_scaling"] = ropeScaling,
        ["rms_norm_eps"] = 1e-5,
    };
}

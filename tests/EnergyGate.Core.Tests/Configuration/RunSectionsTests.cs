using EnergyGate.Core.Configuration;
using EnergyGate.Core.Generation;

namespace EnergyGate.Core.Tests.Configuration;

/// <summary>The sections that shape a measurement run: models, runtimes, measurement, decoding.</summary>
public sealed class RunSectionsTests
{
    private static ResolvedSettings Resolve(string yaml, CliOverrides? cli = null, Dictionary<string, string?>? env = null) =>
        SettingsResolver.Resolve(ConfigText.Parse(yaml), env ?? [], cli ?? CliOverrides.None, "/home/u");

    [Fact]
    public void Defaults_are_the_built_in_tiny_model_on_onnx_cpu_with_greedy_decoding()
    {
        var settings = Resolve("version: 1\n");
        Assert.Equal([ModelSettings.BuiltinTiny], settings.Models);
        Assert.Equal([RuntimeSettings.OnnxCpu], settings.Runtimes);
        Assert.Equal(MeasurementSettings.Default, settings.Measurement);
        Assert.Equal(0, settings.Decoding.Temperature);
        Assert.Equal(128, settings.Decoding.MaxNewTokens);
        Assert.Equal(GenerationSettings.HumanEvalStopStrings, settings.Decoding.StopStrings);
    }

    [Fact]
    public void The_trained_builtin_model_is_a_source_of_its_own_not_a_path()
    {
        var settings = Resolve("""
            version: 1
            models:
              - name: coder
                source: builtin:coder
            """);
        Assert.Equal(ModelSettings.BuiltinCoder, Assert.Single(settings.Models));
        Assert.True(settings.Models[0].IsBuiltinCoder);
        Assert.False(settings.Models[0].IsBuiltinTiny);
        Assert.Equal("builtin:coder", EnergyGate.Core.Models.ModelLocator.FromArgument("builtin:coder").Source);
        Assert.Equal("coder", EnergyGate.Core.Models.ModelLocator.FromArgument("builtin:coder").Name);
    }

    [Fact]
    public void A_full_run_configuration_resolves()
    {
        var settings = Resolve("""
            version: 1
            models:
              - name: tiny
                source: builtin:tiny
                tiny: {layers: 4, hidden: 128, heads: 4}
              - name: mine
                source: models/mine
            runtimes:
              - runtime: onnx
                provider: cuda
                device-id: 1
                allow-cpu-fallback: true
            measurement:
              meter: estimate
              repetitions: 5
              warmup: 0
              cooldown-seconds: 0.5
              sample-interval-ms: 20
              cpu-tdp-watts: 65
              memory-watts: 3
              gpus: [0, 2]
            decoding:
              max-new-tokens: 64
              stop: []
            suites:
              - name: smoke
                limit: 3
            """);
        Assert.Equal(4, settings.Models[0].Tiny!.Layers);
        Assert.True(settings.Models[0].IsBuiltinTiny);
        Assert.False(settings.Models[0].IsBuiltinCoder);
        Assert.True(Path.IsPathFullyQualified(settings.Models[1].Source));
        Assert.EndsWith(Path.Combine("models", "mine"), settings.Models[1].Source, StringComparison.Ordinal);
        Assert.Equal(new RuntimeSettings("onnx", "cuda", 1, 0, true), settings.Runtimes[0]);
        Assert.Equal("onnx-cuda", settings.Runtimes[0].Id);
        Assert.Equal(("estimate", 5, 0, 1), (settings.Measurement.Meter, settings.Measurement.Repetitions, settings.Measurement.Warmup, settings.Measurement.Seed));
        Assert.Equal((TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(20)), (settings.Measurement.Cooldown, settings.Measurement.Idle, settings.Measurement.SampleInterval));
        Assert.Equal(new EnergyGate.Core.Energy.Estimate.EstimateOptions(null, 65, null, 3) { Model = EnergyGate.Core.Energy.Estimate.EstimateModel.Utilisation }, settings.Measurement.Estimate);
        Assert.Equal([0, 2], settings.Measurement.Gpus);
        Assert.Equal(64, settings.Decoding.MaxNewTokens);
        Assert.Empty(settings.Decoding.StopStrings);
        Assert.Equal(3, settings.Suites[0].Limit);
    }

    [Fact]
    public void A_built_understanding_suite_file_resolves_next_to_the_config()
    {
        var settings = Resolve("version: 1\nsuites:\n  - name: lcc\n    file: suites/mine.jsonl\n  - name: smoke-lcc\n");
        Assert.Equal(ConfigText.InRepo("suites", "mine.jsonl"), settings.Suites[0].File);
        Assert.Equal("smoke-lcc", settings.Suites[1].Name);
    }

    [Fact]
    public void Cli_and_environment_override_meter_and_repetitions()
    {
        const string yaml = "version: 1\nmeasurement:\n  meter: rapl\n  repetitions: 5\n";
        var fromEnv = Resolve(yaml, env: new() { ["ENERGYGATE_METER"] = "estimate", ["ENERGYGATE_REPETITIONS"] = "7" });
        Assert.Equal(("estimate", 7), (fromEnv.Measurement.Meter, fromEnv.Measurement.Repetitions));
        var fromCli = Resolve(yaml, new CliOverrides { Meter = "nvml", Repetitions = 2, MaxNewTokens = 16 },
            new() { ["ENERGYGATE_METER"] = "estimate" });
        Assert.Equal(("nvml", 2, 16), (fromCli.Measurement.Meter, fromCli.Measurement.Repetitions, fromCli.Decoding.MaxNewTokens));
    }

    [Fact]
    public void Bad_environment_and_cli_values_name_their_source()
    {
        var env = Assert.Throws<ConfigurationException>(() => Resolve("version: 1\n", env: new() { ["ENERGYGATE_METER"] = "joulemeter" }));
        Assert.Contains("ENERGYGATE_METER: expected one of auto, rapl, nvml, estimate, found \"joulemeter\"", env.Message, StringComparison.Ordinal);
        var cli = Assert.Throws<ConfigurationException>(() => Resolve("version: 1\n", new CliOverrides { Repetitions = 0 }));
        Assert.Contains("--repetitions: expected a positive integer, found 0", cli.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_llama_tiny_model_resolves_into_its_spec_with_defaults_for_unset_fields()
    {
        var settings = Resolve("""
            version: 1
            models:
              - name: tiny-llama
                source: builtin:tiny
                tiny: {architecture: llama, heads: 8, hidden: 128, intermediate: 512, rope-theta: 500000}
            """);
        var spec = EnergyGate.Core.Models.ModelLocator.TinySpec(settings.Models[0].Tiny);
        Assert.Equal(EnergyGate.Core.Models.Tiny.TinyArchitecture.Llama, spec.Architecture);
        Assert.Equal((8, 4, 128, 512, 500000.0, 1e-5), (spec.Heads, spec.KeyValueHeads, spec.Hidden, spec.FeedForward, spec.RopeTheta, spec.RmsNormEps));
        Assert.NotEqual(EnergyGate.Core.Models.ModelLocator.TinySpec(null).ShortHash, spec.ShortHash);
    }

    [Fact]
    public void A_named_runtime_entry_compares_two_configurations_of_one_runtime_and_provider()
    {
        var settings = Resolve("""
            version: 1
            runtimes:
              - {runtime: torch, provider: cpu}
              - {runtime: torch, provider: cpu, dtype: bfloat16, name: torch-bf16}
              - {runtime: torch, provider: cpu, threads: 4, name: torch_4t.v2}
            """);
        Assert.Equal(["torch", "torch-bf16", "torch_4t.v2"], settings.Runtimes.Select(r => r.Label));
        Assert.Equal(["torch", "torch", "torch"], settings.Runtimes.Select(r => r.Runtime));
        Assert.Equal(("torch-bf16-cpu", "bfloat16"), (settings.Runtimes[1].Id, settings.Runtimes[1].DType));
        Assert.Null(settings.Runtimes[0].Name);
    }

    [Fact]
    public void A_llamacpp_entry_keeps_its_own_options_sorted_and_other_entries_none()
    {
        var settings = Resolve("""
            version: 1
            runtimes:
              - {runtime: onnx, provider: cpu}
              - {runtime: llamacpp, provider: cpu, name: llamacpp-q4_0, quantization: q4_0, kv-cache-type: q8_0, batch-size: 64, context: 512}
            """);
        Assert.Null(settings.Runtimes[0].Options);
        Assert.Equal(["batch-size", "context", "kv-cache-type", "quantization"], settings.Runtimes[1].Options!.Keys);
        Assert.Equal(("q4_0", "64", "512"), (settings.Runtimes[1].Option("quantization"), settings.Runtimes[1].Option("batch-size"), settings.Runtimes[1].Option("context")));
        Assert.Equal("llamacpp-q4_0-cpu", settings.Runtimes[1].Id);
    }

    [Theory]
    [InlineData("runtimes:\n  - {runtime: onnx, provider: cpu, quantization: q8_0}\n",
        "energygate.yml:3:50: runtimes[0].quantization: `quantization` applies to runtime `llamacpp` only, not `onnx`")]
    [InlineData("runtimes:\n  - {runtime: llamacpp, provider: tensorrt}\n",
        "energygate.yml:3:35: runtimes[0].provider: `tensorrt` is an ONNX Runtime provider; llama.cpp runs on `cpu`, `cuda` or `vulkan`")]
    [InlineData("runtimes:\n  - {runtime: torch, provider: vulkan}\n",
        "energygate.yml:3:32: runtimes[0].provider: runtime `torch` runs on `cpu`, `cuda`, not `vulkan`")]
    [InlineData("runtimes:\n  - {runtime: llamacpp, provider: cpu, kv-cache-type: q5_1}\n",
        "energygate.yml:3:55: runtimes[0].kv-cache-type: unknown value \"q5_1\"; expected one of: f32, f16, q8_0, q4_0")]
    [InlineData("runtimes:\n  - {runtime: llamacpp, provider: cpu, batch-size: 0}\n",
        "energygate.yml:3:52: runtimes[0].batch-size:")]
    [InlineData("runtimes:\n  - {runtime: llamacpp, provider: cpu, dtype: float16}\n",
        "energygate.yml:3:47: runtimes[0].dtype: `dtype` applies to the torch runtime only; runtime `llamacpp` computes in the model file's types")]
    public void Runtime_options_belong_to_their_runtime(string body, string expected)
    {
        var e = Assert.Throws<ConfigurationException>(() => Resolve("version: 1\n" + body));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("runtimes:\n  - {runtime: torch, provider: cpu}\n  - {runtime: torch, provider: cpu, dtype: bfloat16}\n",
        "energygate.yml:4:5: runtimes[1]: duplicate runtime `torch` with provider `cpu` (first listed at 3:5); to compare two configurations of one runtime, give each a `name:`, e.g. `name: torch-cpu-2`")]
    [InlineData("runtimes:\n  - {runtime: onnx, provider: cuda, device-id: 0}\n  - {runtime: onnx, provider: cuda, device-id: 1}\n",
        "energygate.yml:4:5: runtimes[1]: duplicate runtime `onnx` with provider `cuda` (first listed at 3:5); to compare two configurations of one runtime, give each a `name:`, e.g. `name: onnx-cuda-2`")]
    [InlineData("runtimes:\n  - {runtime: torch, provider: cpu, name: v}\n  - {runtime: torch, provider: cuda, name: v}\n",
        "energygate.yml:4:44: runtimes[1].name: duplicate runtime name `v` (first listed at 3:43)")]
    [InlineData("runtimes:\n  - {runtime: torch, provider: cpu}\n  - {runtime: torch, provider: cpu, name: torch}\n",
        "energygate.yml:4:5: runtimes[1]: runtime name `torch` with provider `cpu` gives the same cell `torch/cpu` as the entry at 3:5; pick another `name:`")]
    [InlineData("runtimes:\n  - {runtime: onnx, provider: cpu}\n  - {runtime: torch, provider: cpu, name: onnx}\n",
        "energygate.yml:4:43: runtimes[1].name: `onnx` is the name of another runtime; pick a name that says what this `torch` entry varies, e.g. `torch-bf16`")]
    [InlineData("runtimes:\n  - {runtime: torch, provider: cpu, name: torch/bf16}\n",
        "energygate.yml:3:43: runtimes[0].name: `torch/bf16` is not a valid runtime name; use letters, digits, '-', '_' and '.', starting with a letter or digit, e.g. `torch-bf16`")]
    [InlineData("runtimes:\n  - {runtime: torch, provider: cpu, name: \"bf 16\"}\n",
        "energygate.yml:3:43: runtimes[0].name: `bf 16` is not a valid runtime name; use letters, digits, '-', '_' and '.', starting with a letter or digit, e.g. `torch-bf16`")]
    [InlineData("runtimes:\n  - {runtime: torch, provider: cpu, name: .hidden}\n",
        "energygate.yml:3:43: runtimes[0].name: `.hidden` is not a valid runtime name; use letters, digits, '-', '_' and '.', starting with a letter or digit, e.g. `torch-bf16`")]
    public void Runtime_entries_of_one_runtime_and_provider_need_distinct_valid_names(string body, string expected) =>
        Assert.Equal(expected, ConfigText.SingleError("version: 1\n" + body));

    [Theory]
    [InlineData("models:\n  - name: m\n", "energygate.yml:3:5: models[0].source: required")]
    [InlineData("models:\n  - name: m\n    source: x\n    tiny: {layers: 2}\n", "energygate.yml:5:11: models[0].tiny: applies only to `source: builtin:tiny`")]
    [InlineData("models:\n  - name: m\n    source: builtin:coder\n    tiny: {layers: 2}\n", "energygate.yml:5:11: models[0].tiny: applies only to `source: builtin:tiny`; `builtin:coder` is a trained model of fixed shape: remove `tiny:`")]
    [InlineData("models:\n  - name: m\n    source: builtin:coda\n", "energygate.yml:4:13: models[0].source: unknown built-in model `builtin:coda`; expected one of `builtin:tiny`, `builtin:coder`")]
    [InlineData("models:\n  - name: m\n    source: builtin:tiny\n  - name: m\n    source: builtin:tiny\n", "energygate.yml:5:11: models[1].name: duplicate model `m` (first listed at 3:11)")]
    [InlineData("models:\n  - name: m\n    source: builtin:tiny\n    tiny: {layer: 2}\n", "energygate.yml:5:12: models[0].tiny.layer: unknown key `layer`; did you mean `layers`?")]
    [InlineData("models:\n  - name: m\n    source: builtin:tiny\n    tiny: {architecture: llama, heads: 4, kv-heads: 3}\n", "energygate.yml:5:11: models[0].tiny: heads (4) must be a multiple of kv-heads (3); pick kv-heads that divides heads.")]
    [InlineData("models:\n  - name: m\n    source: builtin:tiny\n    tiny: {kv-heads: 2}\n", "energygate.yml:5:11: models[0].tiny: kv-heads, intermediate, rope-theta and rms-norm-eps apply only to architecture llama.")]
    [InlineData("models:\n  - name: m\n    source: builtin:tiny\n    tiny: {architecture: lama}\n", "energygate.yml:5:26: models[0].tiny.architecture: unknown value \"lama\"; did you mean `llama`? expected one of: gpt2, llama")]
    [InlineData("runtimes:\n  - runtime: onnx\n    provider: cdua\n", "energygate.yml:4:15: runtimes[0].provider: unknown value \"cdua\"; did you mean `cuda`? expected one of: cpu, cuda, tensorrt, vulkan, remote")]
    [InlineData("runtimes:\n  - runtime: tourch\n    provider: cpu\n", "energygate.yml:3:14: runtimes[0].runtime: unknown value \"tourch\"; did you mean `torch`? expected one of: onnx, torch, llamacpp, openai")]
    [InlineData("runtimes:\n  - runtime: torch\n    provider: tensorrt\n", "energygate.yml:4:15: runtimes[0].provider: `tensorrt` is an ONNX Runtime provider; the torch runtime runs on `cpu` or `cuda`")]
    [InlineData("runtimes:\n  - runtime: onnx\n    provider: cpu\n    dtype: float16\n", "energygate.yml:5:12: runtimes[0].dtype: `dtype` applies to the torch runtime only; runtime `onnx` computes in the model file's types")]
    [InlineData("runtimes:\n  - runtime: torch\n    provider: cpu\n    dtype: fp8\n", "energygate.yml:5:12: runtimes[0].dtype: unknown value \"fp8\"; expected one of: float32, float16, bfloat16")]
    [InlineData("runtimes:\n  - runtime: onnx\n    provider: cpu\n    allow-cpu-fallback: yes\n", "energygate.yml:5:25: runtimes[0].allow-cpu-fallback: expected true or false, found \"yes\"")]
    [InlineData("measurement:\n  repetitions: 0\n", "energygate.yml:3:16: measurement.repetitions: expected a positive integer of at most 1000, found \"0\"")]
    [InlineData("measurement:\n  meter: rapl2\n", "energygate.yml:3:10: measurement.meter: unknown value \"rapl2\"; did you mean `rapl`? expected one of: auto, rapl, nvml, estimate")]
    [InlineData("measurement:\n  estimate-model: linear\n", "energygate.yml:3:19: measurement.estimate-model: unknown value \"linear\"; expected one of: utilisation, per-core")]
    [InlineData("measurement:\n  gpus: [-1]\n", "energygate.yml:3:10: measurement.gpus[0]: expected an integer of 0 or more, found \"-1\"")]
    [InlineData("decoding:\n  top-p: 1.5\n", "energygate.yml:3:10: decoding.top-p: expected a number from 0 to 1, found \"1.5\"")]
    [InlineData("decoding:\n  stop: \"\\n\"\n", "energygate.yml:3:9: decoding.stop: expected a list of strings (use [] for none), found the quoted string \"\\n\"")]
    [InlineData("suites:\n  - name: smoke\n    file: x.jsonl\n", "energygate.yml:4:11: suites[0].file: applies only to suites read from a file (humaneval, humaneval-plus, mbpp, mbpp-plus, lcc, repobench-p, lcc_e, repobench-p_e), e.g. a file from `dotnet energygate suite build lcc`")]
    [InlineData("suites:\n  - name: lcc\n    file: x.jsonl\n    data-dir: d\n", "energygate.yml:4:11: suites[0].file: give either `data-dir` or `file`, not both")]
    [InlineData("suites:\n  - name: smoke\n    suppression: syntx\n", "energygate.yml:4:18: suites[0].suppression: unknown value \"syntx\"; did you mean `syntax`? expected one of: none, stop-words, syntax, test-oracle")]
    [InlineData("suites:\n  - name: smoke-lcc\n    suppression: syntax\n", "energygate.yml:4:18: suites[0].suppression: `syntax` checks code and applies only to code-generation suites (humaneval, humaneval-plus, mbpp, mbpp-plus, smoke); use none or stop-words")]
    [InlineData("suites:\n  - name: smoke\n    limit: -1\n", "energygate.yml:4:12: suites[0].limit: expected a positive integer, found \"-1\"")]
    public void Errors_name_the_position_the_field_and_what_was_expected(string body, string expected) =>
        Assert.Equal(expected, ConfigText.SingleError("version: 1\n" + body));
}

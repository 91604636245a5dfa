using System.Text.Json;

namespace EnergyGate.Tool.Tests;

/// <summary>The TorchSharp runtime through the tool on the built-in tiny model: generate, and a run cell with per-phase energy.</summary>
public sealed class TorchEndToEndTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("energygate-torch-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Generate_with_the_torch_runtime_gives_the_same_tokens_as_onnx()
    {
        var outputs = new List<JsonElement>();
        foreach (var runtime in new[] { "onnx", "torch" })
        {
            var run = await ToolRunner.RunAsync("generate", "--runtime", runtime, "--threads", "1", "--prompt", "def add(a, b):\n",
                "--max-new-tokens", "12", "--no-stop", "--cache-dir", _dir, "--format", "json");
            Assert.True(run.ExitCode == 0, run.Error);
            outputs.Add(JsonDocument.Parse(run.Output).RootElement.Clone());
        }

        Assert.StartsWith("torch/cpu builtin-tiny-", outputs[1].GetProperty("session").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("(float32)", outputs[1].GetProperty("session").GetString(), StringComparison.Ordinal);
        Assert.Equal(12, outputs[1].GetProperty("generated_tokens").GetInt32());
        Assert.True(outputs[1].GetProperty("prefill_ms").GetDouble() > 0);
        Assert.Equal(outputs[0].GetProperty("completion").GetString(), outputs[1].GetProperty("completion").GetString());
    }

    [Fact]
    public async Task Generate_with_torch_on_cuda_is_a_clear_error()
    {
        var run = await ToolRunner.RunAsync("generate", "--runtime", "torch", "--provider", "cuda", "--prompt", "x", "--cache-dir", _dir);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("EG2032: torch provider 'cuda' (device 0) cannot start", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_with_a_torch_cell_records_estimated_prefill_and_decode_joules()
    {
        var config = Path.Combine(_dir, "energygate.yml");
        await File.WriteAllTextAsync(config, """
            version: 1
            suites: [{ name: smoke }]
            runtimes:
              - { runtime: torch, provider: cpu, threads: 1 }
            measurement: { meter: estimate, idle-seconds: 0 }
            """);
        var results = Path.Combine(_dir, "run.jsonl");
        var run = await ToolRunner.RunAsync("run", "--config", config, "--cache-dir", _dir, "--results", results, "--repetitions", "1", "--max-new-tokens", "8");
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("| smoke/tiny/torch/cpu | Estimated |", run.Output, StringComparison.Ordinal);
        var samples = (await File.ReadAllLinesAsync(results)).Select(l => JsonDocument.Parse(l).RootElement)
            .Where(e => e.GetProperty("type").GetString() == "sample").ToList();
        Assert.NotEmpty(samples);
        Assert.All(samples, s =>
        {
            Assert.Equal("Estimated", s.GetProperty("energy_kind").GetString());
            Assert.True(s.GetProperty("prefill_joules").GetDouble() >= 0);
            Assert.True(s.GetProperty("decode_joules").GetDouble() > 0);
        });
    }

    [Fact]
    public async Task Run_with_a_named_bfloat16_torch_entry_measures_it_as_its_own_cell_on_the_torch_runtime()
    {
        var config = Path.Combine(_dir, "energygate.yml");
        await File.WriteAllTextAsync(config, """
            version: 1
            suites: [{ name: smoke, limit: 2 }]
            runtimes:
              - { runtime: torch, provider: cpu, threads: 1 }
              - { runtime: torch, provider: cpu, threads: 1, dtype: bfloat16, name: torch-bf16 }
            measurement: { meter: estimate, idle-seconds: 0, warmup: 0 }
            """);
        var results = Path.Combine(_dir, "run.jsonl");
        var run = await ToolRunner.RunAsync("run", "--config", config, "--cache-dir", _dir, "--results", results, "--repetitions", "1", "--max-new-tokens", "4");
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("| smoke/tiny/torch/cpu | Estimated |", run.Output, StringComparison.Ordinal);
        Assert.Contains("| smoke/tiny/torch-bf16/cpu | Estimated |", run.Output, StringComparison.Ordinal);
        var lines = (await File.ReadAllLinesAsync(results)).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var facts = lines[0].GetProperty("fingerprint");
        Assert.Equal("torch", facts.GetProperty("runtime_of.torch-bf16").GetString());
        Assert.False(string.IsNullOrEmpty(facts.GetProperty("runtime.torch").GetString()));
        var cells = lines.Where(e => e.GetProperty("type").GetString() == "sample").Select(s => s.GetProperty("cell").GetString()).Distinct().Order(StringComparer.Ordinal);
        Assert.Equal(["smoke/tiny/torch-bf16/cpu", "smoke/tiny/torch/cpu"], cells);
    }
}

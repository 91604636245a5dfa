using System.Text.Json;

namespace EnergyGate.Tool.Tests;

/// <summary>
/// The llama.cpp runtime through the tool: generate on the built-in model, and one plan with onnx,
/// torch and llama.cpp in F32, Q8_0 and Q4_0 whose report puts the five side by side.
/// </summary>
public sealed class LlamaCppEndToEndTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("energygate-llamacpp-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Generate_with_llamacpp_gives_the_same_tokens_as_onnx_and_quantized_files_run()
    {
        var completions = new Dictionary<string, JsonElement>();
        foreach (var (runtime, quantization) in new[] { ("onnx", (string?)null), ("llamacpp", "f32"), ("llamacpp", "q4_0") })
        {
            string[] args = ["generate", "--runtime", runtime, "--threads", "1", "--prompt", "def add(a, b):\n", "--max-new-tokens", "12", "--no-stop", "--cache-dir", _dir, "--format", "json"];
            var run = await ToolRunner.RunAsync(quantization is null ? args : [.. args, "--quantization", quantization]);
            Assert.True(run.ExitCode == 0, run.Error);
            completions[quantization ?? runtime] = JsonDocument.Parse(run.Output).RootElement.Clone();
        }

        Assert.Equal("llamacpp/cpu model-f32", completions["f32"].GetProperty("session").GetString());
        Assert.Equal(completions["onnx"].GetProperty("completion").GetString(), completions["f32"].GetProperty("completion").GetString());
        Assert.Equal("llamacpp/cpu model-q4_0", completions["q4_0"].GetProperty("session").GetString());
        Assert.Equal(12, completions["q4_0"].GetProperty("generated_tokens").GetInt32());
    }

    [Fact]
    public async Task Quantization_on_another_runtime_is_a_clear_error()
    {
        var run = await ToolRunner.RunAsync("generate", "--runtime", "onnx", "--quantization", "q8_0", "--prompt", "x", "--cache-dir", _dir);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--quantization applies to the llamacpp runtime only", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_plan_with_five_runtimes_reports_them_side_by_side()
    {
        var config = Path.Combine(_dir, "energygate.yml");
        await File.WriteAllTextAsync(config, """
            version: 1
            suites: [{ name: smoke, limit: 2 }]
            models:
              - { name: tiny, source: "builtin:tiny", tiny: {layers: 2, hidden: 64, heads: 2, vocab: 512, context: 256} }
            runtimes:
              - { runtime: onnx, provider: cpu, threads: 1 }
              - { runtime: torch, provider: cpu, threads: 1 }
              - { runtime: llamacpp, provider: cpu, threads: 1, name: llamacpp-f32 }
              - { runtime: llamacpp, provider: cpu, threads: 1, name: llamacpp-q8_0, quantization: q8_0 }
              - { runtime: llamacpp, provider: cpu, threads: 1, name: llamacpp-q4_0, quantization: q4_0, kv-cache-type: q8_0 }
            measurement: { meter: estimate, idle-seconds: 0, warmup: 0 }
            """);
        var results = Path.Combine(_dir, "run.jsonl");
        var run = await ToolRunner.RunAsync("run", "--config", config, "--cache-dir", _dir, "--results", results, "--repetitions", "1", "--max-new-tokens", "6");
        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        var report = Path.Combine(_dir, "report.md");
        var rendered = await ToolRunner.RunAsync("report", results, "--config", config, "--report", report);
        Assert.True(rendered.ExitCode == 0, rendered.Output + rendered.Error);
        var text = await File.ReadAllTextAsync(report);
        var table = text[text.IndexOf("### Runtimes side by side", StringComparison.Ordinal)..];
        var rows = table.Split('\n').Where(l => l.StartsWith("| ", StringComparison.Ordinal) && !l.StartsWith("| Runtime", StringComparison.Ordinal)).Take(5).ToList();
        // Cells are in report order (sorted by id).
        Assert.Equal(["llamacpp-f32/cpu", "llamacpp-q4_0/cpu", "llamacpp-q8_0/cpu", "onnx/cpu", "torch/cpu"], rows.Select(r => r.Split('|')[1].Trim()));
        // J/problem, prefill J, decode J/token, tokens/s and pass@1 are all filled for every runtime.
        Assert.All(rows, r => Assert.All(r.Split('|')[2..7], c => Assert.NotEqual("-", c.Trim())));

        var header = JsonDocument.Parse(File.ReadLines(results).First()).RootElement;
        var facts = header.GetProperty("fingerprint");
        Assert.StartsWith("LLamaSharp ", facts.GetProperty("runtime.llamacpp").GetString(), StringComparison.Ordinal);
        Assert.Equal("llamacpp", facts.GetProperty("runtime_of.llamacpp-q4_0").GetString());
    }
}

using System.Text.Json;

namespace EnergyGate.Tool.Tests;

/// <summary>
/// builtin:coder through the real pipeline (config, cache, both runtimes, generator, sandbox, scoring,
/// babble detection): greedy decoding of fixed weights is deterministic, so the pass count and the
/// babbling tokens are exact counts, the same on ONNX Runtime and TorchSharp.
/// </summary>
public sealed class CoderModelEndToEndTests : IDisposable
{
    // Smoke/1 (run_length_encode, 87 tokens) does not fit the 64-token budget; the other answers do.
    private const int ExpectedPasses = 11;

    private readonly string _dir = Directory.CreateTempSubdirectory("energygate-coder-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task The_smoke_suite_passes_and_babbles_with_suppression_off_on_onnx_and_torch()
    {
        var config = Path.Combine(_dir, "energygate.yml");
        await File.WriteAllTextAsync(config, """
            version: 1
            cache-dir: cache
            models:
              - name: coder
                source: builtin:coder
            runtimes:
              - {runtime: onnx, provider: cpu, threads: 1}
              - {runtime: torch, provider: cpu, threads: 1}
            measurement: {repetitions: 1, warmup: 0, idle-seconds: 0}
            decoding: {max-new-tokens: 64}
            suites:
              - name: smoke
                suppression: none
            """);
        var results = Path.Combine(_dir, "run.jsonl");
        var run = await ToolRunner.RunAsync("run", "--config", config, "--results", results);
        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        var records = (await File.ReadAllLinesAsync(results)).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        foreach (var cell in new[] { "smoke/coder/onnx/cpu", "smoke/coder/torch/cpu" })
        {
            var scores = records.Where(r => r.GetProperty("type").GetString() == "score" && r.GetProperty("cell").GetString() == cell).ToList();
            Assert.Equal(12, scores.Count);
            Assert.Equal(ExpectedPasses, scores.Count(s => s.GetProperty("passed").GetBoolean()));
            Assert.False(scores.Single(s => s.GetProperty("task_id").GetString() == "Smoke/1").GetProperty("passed").GetBoolean());
        }

        var completions = records.Where(r => r.GetProperty("type").GetString() == "sample")
            .GroupBy(r => r.GetProperty("task_id").GetString())
            .Select(g => g.Select(r => r.GetProperty("completion").GetString()).Distinct().Count());
        Assert.All(completions, distinct => Assert.Equal(1, distinct));

        using var summary = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_dir, "run.summary.json")));
        foreach (var cell in summary.RootElement.GetProperty("cells").EnumerateArray())
        {
            // A token count ratio, not a measurement: most answers are short and the model babbles to the budget.
            Assert.InRange(cell.GetProperty("metrics").GetProperty("babble_share")[0].GetDouble(), 0.30, 0.60);
        }
    }

    [Fact]
    public async Task Tiny_sizes_on_the_coder_are_a_clear_configuration_error()
    {
        var config = Path.Combine(_dir, "energygate.yml");
        await File.WriteAllTextAsync(config, """
            version: 1
            models:
              - name: coder
                source: builtin:coder
                tiny: {layers: 2}
            """);
        var run = await ToolRunner.RunAsync("run", "--config", config, "--results", Path.Combine(_dir, "r.jsonl"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("applies only to `source: builtin:tiny`; `builtin:coder` is a trained model of fixed shape: remove `tiny:`", run.Error, StringComparison.Ordinal);
    }
}

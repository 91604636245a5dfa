namespace EnergyGate.Tool.Tests;

/// <summary>
/// The gate end to end on the built-in tiny model: a fresh baseline passes, an injected per-token
/// regression fails with decode J/token flagged, and heavier weights under the same model name are
/// compared, named as a model change, and flagged. Thresholds are wide (warn 50 %, fail 100 %) because
/// the CPU-time estimate drifts between runs when three test assemblies share 2 cores (up to +27 %
/// seen); the injected changes are several times larger than that.
/// </summary>
public sealed class CheckEndToEndTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("energygate-check-").FullName;

    public void Dispose()
    {
        RuntimeRegistry.Decorator = null;
        Directory.Delete(_dir, recursive: true);
    }

    private string Config(string tiny = "")
    {
        var path = Path.Combine(_dir, "energygate.yml");
        File.WriteAllText(path, $"""
            version: 1
            cache-dir: cache
            models:
              - name: tiny
                source: builtin:tiny
            {tiny}
            runtimes:
              - runtime: onnx
                provider: cpu
                threads: 1
            measurement:
              repetitions: 6
              warmup: 1
              idle-seconds: 0
            decoding:
              max-new-tokens: 24
            suites:
              - name: smoke
                limit: 6
            gate:
              warn: 50%
              fail: 100%
            """);
        return path;
    }

    private Task<ToolRunner.Run> Check(string config, string report) =>
        ToolRunner.RunAsync("check", "--config", config, "--report", Path.Combine(_dir, report));

    [Fact]
    public async Task Fresh_baseline_passes_then_injected_and_model_regressions_fail()
    {
        var config = Config();
        var update = await ToolRunner.RunAsync("baseline", "update", "--config", config);
        Assert.True(update.ExitCode == 0, update.Error);
        var baselineFile = Assert.Single(Directory.GetFiles(Path.Combine(_dir, "baselines"), "*.json", SearchOption.AllDirectories));
        Assert.Contains(Path.Combine("smoke", "tiny", "onnx-cpu.estimated."), baselineFile, StringComparison.Ordinal);

        var same = await Check(config, "same.md");
        Assert.True(same.ExitCode == 0, same.Output + same.Error);

        RuntimeRegistry.Decorator = inner => new BurningFactory(inner, iterationsPerToken: 400_000);
        var burning = await Check(config, "burning.md");
        RuntimeRegistry.Decorator = null;
        Assert.True(burning.ExitCode == 1, burning.Output + burning.Error);
        Assert.StartsWith("Energy regression in 1 of 1 cell", burning.Output, StringComparison.Ordinal);
        var report = await File.ReadAllTextAsync(Path.Combine(_dir, "burning.md"));
        Assert.True(DecodePerTokenFailed(report), report);
        // Joules are gated; the footprint is shown beside them, and the estimate names its model and inputs.
        Assert.Contains("### Footprint", report, StringComparison.Ordinal);
        Assert.Matches(@"\| smoke/tiny/onnx/cpu \| [\d.]+ Wh \(Estimated\) \|", report);
        Assert.Contains("- estimate_model: `utilisation model: idle ", report, StringComparison.Ordinal);

        var heavier = Config("    tiny: {layers: 8, hidden: 256}");
        var bigger = await Check(heavier, "bigger.md");
        Assert.True(bigger.ExitCode == 1, bigger.Output + bigger.Error);
        var biggerReport = await File.ReadAllTextAsync(Path.Combine(_dir, "bigger.md"));
        Assert.Contains("model changed: `model_sha256`", biggerReport, StringComparison.Ordinal);
        Assert.True(DecodePerTokenFailed(biggerReport), biggerReport);
    }

    [Fact]
    public async Task Exact_work_catches_ten_percent_more_layers_in_one_run_per_side_and_never_an_a_a_pair()
    {
        // One repetition per side: work counts are exact, so no statistics (and no quiet machine) are needed.
        var config = Config("    tiny: {layers: 10}");
        var update = await ToolRunner.RunAsync("baseline", "update", "--config", config, "--repetitions", "1");
        Assert.True(update.ExitCode == 0, update.Error);

        var same = await ToolRunner.RunAsync("check", "--config", config, "--repetitions", "1", "--report", Path.Combine(_dir, "aa.md"));
        Assert.DoesNotContain("EG1013", same.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("EG1014", same.Output, StringComparison.Ordinal);

        var grown = await ToolRunner.RunAsync("check", "--config", Config("    tiny: {layers: 11}"), "--repetitions", "1", "--report", Path.Combine(_dir, "grown.md"));
        Assert.True(grown.ExitCode == 1, grown.Output + grown.Error);
        Assert.Matches(@"EG1013: smoke/tiny/onnx/cpu decode_flops", grown.Output);
        var report = await File.ReadAllTextAsync(Path.Combine(_dir, "grown.md"));
        Assert.Contains("### Energy and work", report, StringComparison.Ordinal);
    }

    private static bool DecodePerTokenFailed(string report) =>
        System.Text.RegularExpressions.Regex.IsMatch(report, @"\| smoke/tiny/onnx/cpu \| decode_joules_per_token \|[^\n]*Worse, fail");

    [Fact]
    public async Task Gating_recorded_results_without_a_baseline_is_a_finding_not_a_crash()
    {
        var config = Config();
        var results = Path.Combine(_dir, "run.jsonl");
        var run = await ToolRunner.RunAsync("run", "--config", config, "--results", results, "--repetitions", "2");
        Assert.True(run.ExitCode == 0, run.Error);
        var check = await ToolRunner.RunAsync("check", "--config", config, "--results", results, "--report", Path.Combine(_dir, "r.md"));
        Assert.True(check.ExitCode == 0, check.Output + check.Error);
        Assert.Contains("EG1005", check.Output, StringComparison.Ordinal);
        Assert.Contains("baseline update", check.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compare_gates_head_results_against_base_results()
    {
        var config = Config();
        var baseResults = Path.Combine(_dir, "base.jsonl");
        var headResults = Path.Combine(_dir, "head.jsonl");
        var baseRun = await ToolRunner.RunAsync("run", "--config", config, "--results", baseResults);
        Assert.True(baseRun.ExitCode == 0, baseRun.Error);
        RuntimeRegistry.Decorator = inner => new BurningFactory(inner, iterationsPerToken: 400_000);
        var headRun = await ToolRunner.RunAsync("run", "--config", config, "--results", headResults);
        Assert.True(headRun.ExitCode == 0, headRun.Error);
        RuntimeRegistry.Decorator = null;
        var compare = await ToolRunner.RunAsync("compare", baseResults, headResults, "--config", config, "--report", Path.Combine(_dir, "c.md"), "--json", Path.Combine(_dir, "c.json"), "--html", Path.Combine(_dir, "c.html"));
        Assert.True(compare.ExitCode == 1, compare.Output + compare.Error);
        Assert.True(File.Exists(Path.Combine(_dir, "c.html")));
        Assert.Contains("<svg", await File.ReadAllTextAsync(Path.Combine(_dir, "c.html")), StringComparison.Ordinal);
        var reverse = await ToolRunner.RunAsync("compare", headResults, baseResults, "--config", config, "--report", Path.Combine(_dir, "r.md"));
        Assert.True(reverse.ExitCode == 0, reverse.Output + reverse.Error);   // an improvement never fails
    }

    [Fact]
    public async Task A_corrupted_baseline_is_a_clear_error()
    {
        var config = Config();
        Assert.Equal(0, (await ToolRunner.RunAsync("baseline", "update", "--config", config, "--repetitions", "2")).ExitCode);
        var file = Directory.GetFiles(Path.Combine(_dir, "baselines"), "*.json", SearchOption.AllDirectories)[0];
        await File.WriteAllTextAsync(file, "{ \"schema_version\": 1, ");
        var check = await ToolRunner.RunAsync("check", "--config", config, "--repetitions", "2", "--report", Path.Combine(_dir, "x.md"));
        Assert.Equal(2, check.ExitCode);
        Assert.Contains(Path.GetFileName(file), check.Error, StringComparison.Ordinal);
    }
}

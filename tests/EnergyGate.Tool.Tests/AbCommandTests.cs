namespace EnergyGate.Tool.Tests;

/// <summary>
/// <c>ab</c> end to end on the built-in tiny model: base and head configurations measured in one
/// process into two results files that compare pair by pair; more layers under the same model name
/// is caught (exactly, by the work gate); configurations whose cells differ, or with too few
/// repetitions for the paired test to reach alpha, are refused (EG2059).
/// </summary>
public sealed class AbCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("energygate-ab-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Config(string name, int layers = 2, string model = "tiny", int repetitions = 7)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, $$"""
            version: 1
            cache-dir: cache
            results-dir: results
            models:
              - name: {{model}}
                source: builtin:tiny
                tiny: {layers: {{layers}}, hidden: 64, heads: 2, vocab: 512, context: 256}
            runtimes:
              - runtime: onnx
                provider: cpu
                threads: 1
            measurement:
              repetitions: {{repetitions}}
              warmup: 1
              idle-seconds: 0
            decoding:
              max-new-tokens: 8
            suites:
              - name: smoke
                limit: 2
            """);
        return path;
    }

    [Fact]
    public async Task An_AA_job_writes_two_paired_files_and_passes()
    {
        var config = Config("energygate.yml");
        // Report only: the verdict of a measured A/A job is a measured figure (benchmarks/calibration.py counts them).
        var run = await ToolRunner.RunAsync("ab", "--base-config", config, "--config", config, "--report", Path.Combine(_dir, "ab.md"), "--json", Path.Combine(_dir, "ab.json"), "--fail-on", "never");
        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        var files = Directory.GetFiles(Path.Combine(_dir, "results"), "ab-*.jsonl").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(2, files.Count);
        Assert.EndsWith("-base.jsonl", files[0], StringComparison.Ordinal);
        Assert.EndsWith("-head.jsonl", files[1], StringComparison.Ordinal);
        var headers = files.Select(f => File.ReadLines(f).First()).ToList();
        Assert.All(headers, h => Assert.Contains("\"order\":\"ABBA by repetition\"", h, StringComparison.Ordinal));
        Assert.Contains("\"side\":\"base\"", headers[0], StringComparison.Ordinal);
        Assert.Contains("\"side\":\"head\"", headers[1], StringComparison.Ordinal);
        // The JSON report states every metric's method; the Markdown names it only on flagged rows, and
        // whether an A/A job flags a metric is a measured outcome.
        Assert.Contains("paired, 7 pairs", await File.ReadAllTextAsync(Path.Combine(_dir, "ab.json")), StringComparison.Ordinal);
        // The two files are judged again, pair by pair, later.
        var again = await ToolRunner.RunAsync("compare", "--paired", files[0], files[1], "--config", config, "--report", Path.Combine(_dir, "again.md"), "--fail-on", "never");
        Assert.True(again.ExitCode == 0, again.Output + again.Error);
    }

    [Fact]
    public async Task More_layers_under_the_same_name_is_a_regression_and_other_cells_are_refused()
    {
        var baseConfig = Config("base.yml");
        var more = await ToolRunner.RunAsync("ab", "--base-config", baseConfig, "--config", Config("layers.yml", layers: 3), "--report", Path.Combine(_dir, "l.md"));
        Assert.True(more.ExitCode == 1, more.Output + more.Error);
        Assert.Contains("EG1013", more.Output, StringComparison.Ordinal);

        var other = await ToolRunner.RunAsync("ab", "--base-config", baseConfig, "--config", Config("other.yml", model: "other"));
        Assert.NotEqual(0, other.ExitCode);
        Assert.Contains("EG2059", other.Error, StringComparison.Ordinal);
        Assert.Contains("the cells differ", other.Error, StringComparison.Ordinal);

        // Four pairs could never reach p < 0.01: refused rather than a silent "no significant change".
        var few = await ToolRunner.RunAsync("ab", "--base-config", Config("few.yml", repetitions: 4), "--config", Config("few-head.yml", repetitions: 4));
        Assert.NotEqual(0, few.ExitCode);
        Assert.Contains("set measurement.repetitions to 7 or more", few.Error, StringComparison.Ordinal);
    }
}

using System.Text;
using System.Text.Json;
using EnergyGate.Core.Measurement;
using Json.Schema;

namespace EnergyGate.Tool.Tests;

/// <summary>
/// What check, compare and report write besides report.md, end to end on results files written by
/// hand (nothing is measured): the what-changed lines on the console, the job summary appended to
/// $GITHUB_STEP_SUMMARY (once, cut at 1 MiB, off with --no-step-summary), the benchmark-tracker
/// exports and `report --format`.
/// </summary>
public sealed class ReportOutputsTests : IDisposable
{
    private const string Cell = "smoke/tiny/onnx/cpu";
    private const string OldWeights = "1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b";
    private const string NewWeights = "3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d";
    private static readonly string[] Tasks = ["Smoke/0", "Smoke/1"];

    private readonly string _dir = Directory.CreateTempSubdirectory("energygate-outputs-").FullName;
    private readonly string _config;

    public ReportOutputsTests()
    {
        _config = Path.Combine(_dir, "energygate.yml");
        File.WriteAllText(_config, TestPlans.SmokeOnnx);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Six repetitions of two tasks; decode joules rise by <paramref name="step"/> per repetition.</summary>
    private string Results(string name, string weights, int maxNewTokens, double decodeJoules, double step = 0.01)
    {
        var header = new RunHeader("hash", "0.1.0", DateTimeOffset.UnixEpoch, [Cell], new Dictionary<string, string>
        {
            ["cpu_model"] = "Test CPU", ["gpu_model"] = "none", ["meter_kind"] = "Estimated",
            ["model.tiny.sha256"] = weights, ["decoding"] = $"{{\"MaxNewTokens\":{maxNewTokens},\"Temperature\":0,\"StopStrings\":[\"\\ndef\"]}}",
        })
        {
            ExpectedSamples = new Dictionary<string, int> { [Cell] = 12 },
        };
        var repetitions = Enumerable.Range(0, 6).ToList();
        IEnumerable<JournalRecord> records =
        [
            header,
            .. from r in repetitions from t in Tasks select new SampleRecord
            {
                Cell = Cell, Repetition = r, TaskId = t, SampleIndex = 0, PromptTokens = 10, GeneratedTokens = 8, StopReason = "Eos",
                PrefillSeconds = 0.001, TtftSeconds = 0.001, DecodeSeconds = 0.01, PrefillJoules = 0.5, DecodeJoules = decodeJoules + (step * r),
                EnergyKind = "Estimated", Domains = [], Completion = "    return 1\n",
            },
            .. from r in repetitions from t in Tasks select new ScoreRecord(Cell, r, t, 0, t == "Smoke/0", t == "Smoke/0" ? "passed" : "failed"),
        ];
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, string.Join('\n', records.Select(r => JsonSerializer.Serialize(r, ResultsJournal.JsonOptions))) + "\n");
        return path;
    }

    private (string Base, string Head) ChangedPair() =>
        (Results("base.jsonl", OldWeights, 256, 2.5), Results("head.jsonl", NewWeights, 512, 2.5));

    private string Report => Path.Combine(_dir, "report.md");

    private Task<ToolRunner.Run> Compare(string summary, params string[] extra)
    {
        var (baseResults, head) = ChangedPair();
        return ToolRunner.RunWithEnvironmentAsync(new Dictionary<string, string?> { ["GITHUB_STEP_SUMMARY"] = summary },
            ["compare", baseResults, head, "--config", _config, "--report", Report, .. extra]);
    }

    [Fact]
    public async Task Compare_prints_what_changed_right_after_the_verdict()
    {
        var (baseResults, head) = ChangedPair();

        var run = await ToolRunner.RunAsync("compare", baseResults, head, "--config", _config, "--report", Report);

        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        var lines = run.Output.Split('\n');
        Assert.Equal("What changed (baseline -> this run):", lines[1]);
        Assert.Equal("  Model weights (sha256): 1a2b3c4d5e6f -> 3c4d5e6f7a8b", lines[2]);
        Assert.Equal("  decoding.max-new-tokens: 256 -> 512", lines[3]);
        var markdown = await File.ReadAllTextAsync(Report);
        Assert.StartsWith(lines[0] + "\n\n**What changed (baseline -> this run)**\n\n- Model weights (sha256): `1a2b3c4d5e6f` -> `3c4d5e6f7a8b`\n- decoding.max-new-tokens: `256` -> `512`\n\n",
            markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("&quot;", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compare_and_check_append_the_report_to_the_step_summary_once_each()
    {
        var summary = Path.Combine(_dir, "summary.md");
        await File.WriteAllTextAsync(summary, "## An earlier step\n\n");

        var run = await Compare(summary);

        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        var report = await File.ReadAllTextAsync(Report);
        Assert.Equal("## An earlier step\n\n" + report, await File.ReadAllTextAsync(summary));

        var check = await ToolRunner.RunWithEnvironmentAsync(new Dictionary<string, string?> { ["GITHUB_STEP_SUMMARY"] = summary },
            "check", "--results", Path.Combine(_dir, "head.jsonl"), "--config", _config, "--report", Path.Combine(_dir, "check.md"));
        Assert.True(check.ExitCode == 0, check.Output + check.Error);
        Assert.Equal("## An earlier step\n\n" + report + await File.ReadAllTextAsync(Path.Combine(_dir, "check.md")), await File.ReadAllTextAsync(summary));
    }

    [Fact]
    public async Task No_step_summary_writes_nothing_there()
    {
        var summary = Path.Combine(_dir, "summary.md");
        await File.WriteAllTextAsync(summary, "untouched\n");

        var run = await Compare(summary, "--no-step-summary");

        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        Assert.True(File.Exists(Report));
        Assert.Equal("untouched\n", await File.ReadAllTextAsync(summary));
    }

    [Fact]
    public async Task A_nearly_full_step_summary_gets_the_report_cut_under_1_MiB_with_a_note()
    {
        var summary = Path.Combine(_dir, "summary.md");
        // Two-byte characters up to 2 KiB under the limit: only the report's first lines fit.
        var earlier = new string('é', (Core.Reporting.StepSummary.LimitBytes - 2048) / 2) + "\n";
        await File.WriteAllTextAsync(summary, earlier);

        var run = await Compare(summary);

        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        var bytes = await File.ReadAllBytesAsync(summary);
        Assert.True(bytes.Length <= Core.Reporting.StepSummary.LimitBytes, $"{bytes.Length} bytes");
        var added = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes)[earlier.Length..];
        Assert.StartsWith((await File.ReadAllTextAsync(Report))[..20], added, StringComparison.Ordinal);
        Assert.Contains("to stay under GitHub's 1 MiB step-summary limit; the whole report is ", added, StringComparison.Ordinal);
        Assert.EndsWith("report.md (keep it with actions/upload-artifact).\n", added, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compare_writes_both_exports_beside_its_report()
    {
        var (benchmark, bencher) = (Path.Combine(_dir, "out", "bench.json"), Path.Combine(_dir, "out", "bencher.json"));

        var run = await Compare("", "--export-benchmark", benchmark, "--export-bencher", bencher);

        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        using var smaller = JsonDocument.Parse(await File.ReadAllTextAsync(benchmark));
        Assert.Contains(smaller.RootElement.EnumerateArray(), e => e.GetProperty("name").GetString() == $"{Cell} joules_per_problem" && e.GetProperty("unit").GetString() == "J");
        using var bigger = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_dir, "out", "bench.bigger.json")));
        var passAt1 = Assert.Single(bigger.RootElement.EnumerateArray(), e => e.GetProperty("name").GetString() == $"{Cell} pass_at_1");
        Assert.Equal(0.5, passAt1.GetProperty("value").GetDouble());
        using var bmf = JsonDocument.Parse(await File.ReadAllTextAsync(bencher));
        var energy = bmf.RootElement.GetProperty(Cell).GetProperty("joules-per-problem");
        Assert.True(energy.GetProperty("lower_value").GetDouble() <= energy.GetProperty("value").GetDouble());
        Assert.Contains($"Benchmark export: {benchmark} (", run.Output, StringComparison.Ordinal);
        Assert.Contains($"Bencher export: {bencher} (", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_format_json_on_stdout_is_the_schema_s_report_and_nothing_else()
    {
        var head = Results("head.jsonl", NewWeights, 512, 2.5);

        var run = await ToolRunner.RunAsync("report", head, "--config", _config, "--format", "json");

        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        var schema = JsonSchema.FromText(await File.ReadAllTextAsync(Path.Combine(ToolRunner.RepoRoot, "docs", "report.schema.json")));
        var result = schema.Evaluate(JsonDocument.Parse(run.Output).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(result.IsValid, string.Join("; ", (result.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))));
        Assert.Contains("(json report on stdout)", run.Error, StringComparison.Ordinal);
        Assert.Contains("warning EG1005: ", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_dir, ".energygate", "results", "report.md")), "report.md is not written with --format");
    }

    [Fact]
    public async Task Report_format_writes_one_file_and_benchmark_on_stdout_says_where_the_rest_goes()
    {
        var head = Results("head.jsonl", NewWeights, 512, 2.5);
        var out_ = Path.Combine(_dir, "bmf.json");

        var bencher = await ToolRunner.RunAsync("report", head, "--config", _config, "--format", "bencher", "--out", out_);
        Assert.True(bencher.ExitCode == 0, bencher.Output + bencher.Error);
        Assert.Contains($"Report: {out_}", bencher.Output, StringComparison.Ordinal);
        using (var bmf = JsonDocument.Parse(await File.ReadAllTextAsync(out_)))
        {
            Assert.Equal([Cell], bmf.RootElement.EnumerateObject().Select(p => p.Name));
        }

        var benchmark = await ToolRunner.RunAsync("report", head, "--config", _config, "--format", "github-action-benchmark");
        Assert.True(benchmark.ExitCode == 0, benchmark.Output + benchmark.Error);
        using var entries = JsonDocument.Parse(benchmark.Output);
        Assert.All(entries.RootElement.EnumerateArray(), e => Assert.DoesNotContain("pass_at_1", e.GetProperty("name").GetString(), StringComparison.Ordinal));
        Assert.Contains("higher-is-better ones (pass@1, tokens/s) need a second file", benchmark.Error, StringComparison.Ordinal);

        var refused = await ToolRunner.RunAsync("report", head, "--config", _config, "--format", "csv");
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("csv", refused.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_without_format_keeps_writing_report_md_and_printing_the_verdict()
    {
        var head = Results("head.jsonl", NewWeights, 512, 2.5);

        var run = await ToolRunner.RunAsync("report", head, "--config", _config, "--report", Report);

        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        Assert.Contains($"Report: {Report}", run.Output, StringComparison.Ordinal);
        Assert.StartsWith(run.Output.Split('\n')[0] + "\n\n", await File.ReadAllTextAsync(Report), StringComparison.Ordinal);
    }
}

using System.Text.Json;
using System.Text.RegularExpressions;
using EnergyGate.Core.Measurement;

namespace EnergyGate.Tool.Tests;

/// <summary>
/// `history append|show|page` and `check|compare|report --history` end to end through the real
/// tool, on results files written by hand: one cell whose joules follow a chosen level per commit,
/// so nothing here is measured and every count is known.
/// </summary>
public sealed partial class HistoryCommandTests : IDisposable
{
    private const string Cell = "smoke/tiny/onnx/cpu";
    private const int GatedMetrics = 4;

    private readonly string _dir = Directory.CreateTempSubdirectory("energygate-history-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string HistoryDir => Path.Combine(_dir, "history");

    [Fact]
    public async Task Append_creates_the_folder_and_one_file_per_machine_class_named_by_the_contract()
    {
        var results = WriteResults("r0.jsonl", 1.0);
        var run = await Tool("history", "append", "--history", HistoryDir, "--results", results, "--commit", "a1b2c3d4e5", "--machine-class", "ci runner/2");
        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        Assert.Contains("appended commit a1b2c3d (1 cells, machine class ci runner/2)", run.Output, StringComparison.Ordinal);
        var file = Assert.Single(Directory.GetFiles(HistoryDir));
        Assert.Equal("ci-runner-2.jsonl", Path.GetFileName(file));
        using var line = JsonDocument.Parse(Assert.Single(await File.ReadAllLinesAsync(file)));
        var root = line.RootElement;
        Assert.Equal(("a1b2c3d4e5", "ci runner/2", "estimated", "1970-01-01T00:00:00Z"),
            (root.GetProperty("commit").GetString(), root.GetProperty("machine_class").GetString(), root.GetProperty("meter_kind").GetString(), root.GetProperty("date").GetString()));
        var figures = root.GetProperty("cells").GetProperty(Cell);
        Assert.Equal(3, figures.GetProperty("metrics").GetProperty("joules_per_problem").GetProperty("n").GetInt32());
        Assert.Equal(8, figures.GetProperty("work").GetProperty("generated_tokens").GetDouble());
        Assert.Equal(0.5, figures.GetProperty("pass_at_1").GetDouble());
    }

    [Fact]
    public async Task Without_a_machine_class_the_results_fingerprint_names_the_file()
    {
        var run = await Tool("history", "append", "--history", HistoryDir, "--results", WriteResults("r0.jsonl", 1.0), "--commit", "abc");
        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        var file = Assert.Single(Directory.GetFiles(HistoryDir));
        using var line = JsonDocument.Parse(Assert.Single(await File.ReadAllLinesAsync(file)));
        var machineClass = line.RootElement.GetProperty("machine_class").GetString()!;
        Assert.Equal(Core.History.HistoryFileName.For(machineClass), Path.GetFileName(file));
    }

    [Fact]
    public async Task A_rerun_of_a_commit_replaces_its_entry_and_keep_bounds_the_file()
    {
        for (var i = 0; i < 4; i++)
        {
            var appended = await Append(WriteResults($"r{i}.jsonl", 1 + 0.1 * i), $"commit{i}", "--keep", "3");
            Assert.True(appended.ExitCode == 0, appended.Output + appended.Error);
        }
        var again = await Append(WriteResults("again.jsonl", 2.0), "commit2", "--keep", "3");
        Assert.Contains("replaced the entry of commit commit2", again.Output, StringComparison.Ordinal);
        var lines = await File.ReadAllLinesAsync(Path.Combine(HistoryDir, "ci.jsonl"));
        Assert.Equal(["commit1", "commit2", "commit3"], lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("commit").GetString()));
        var zero = await Append(WriteResults("z.jsonl", 1.0), "commit9", "--keep", "0");
        Assert.Equal(2, zero.ExitCode);
        Assert.Contains("--keep 0: expected at least 1", zero.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_prints_a_table_per_cell_and_json_on_request()
    {
        for (var i = 0; i < 3; i++)
        {
            await Append(WriteResults($"r{i}.jsonl", 1 + 0.1 * i), $"c0ffee{i}00000");
        }
        var table = await Tool("history", "show", "--history", HistoryDir, "--last", "2");
        Assert.True(table.ExitCode == 0, table.Output + table.Error);
        Assert.Contains("Machine class ci: 3 runs, showing the last 2", table.Output, StringComparison.Ordinal);
        Assert.Contains($"  {Cell}\n", table.Output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Matches(@"date \(UTC\)\s+commit\s+verdict\s+joules_per_problem \(J\)", table.Output);
        Assert.DoesNotContain("c0ffee0", table.Output, StringComparison.Ordinal);
        Assert.Matches(@"c0ffee2\s+-\s+\d+\.\d+ \[\d+\.\d+, \d+\.\d+\]", table.Output);

        var json = await Tool("history", "show", "--history", HistoryDir, "--json", "--metric", "decode_joules", "--cell", "smoke/*/*/*");
        Assert.True(json.ExitCode == 0, json.Output + json.Error);
        using var doc = JsonDocument.Parse(json.Output);
        Assert.Equal(3, doc.RootElement.GetArrayLength());
        var metrics = doc.RootElement[0].GetProperty("cells").GetProperty(Cell).GetProperty("metrics");
        Assert.Equal(["decode_joules"], metrics.EnumerateObject().Select(p => p.Name));

        var unknown = await Tool("history", "show", "--history", HistoryDir, "--metric", "joules");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("--metric 'joules': not a metric id", unknown.Error, StringComparison.Ordinal);
        var blank = await Tool("history", "show", "--history", HistoryDir, "--machine-class", " ");
        Assert.Equal(2, blank.ExitCode);
        Assert.Contains("--machine-class is empty", blank.Error, StringComparison.Ordinal);
        var empty = await Tool("history", "show", "--history", Path.Combine(_dir, "none"));
        Assert.Equal(0, empty.ExitCode);
        Assert.Contains("No runs recorded in", empty.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_writes_a_self_contained_chart_per_cell_and_gated_metric()
    {
        for (var i = 0; i < 5; i++)
        {
            await Append(WriteResults($"r{i}.jsonl", 1 + 0.05 * i), $"commit{i}");
        }
        var page = Path.Combine(_dir, "site", "history.html");
        var run = await Tool("history", "page", "--history", HistoryDir, "--out", page, "--last", "4");
        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        var html = await File.ReadAllTextAsync(page);
        var charts = Charts().Matches(html).Select(m => m.Value).ToList();
        Assert.Equal(GatedMetrics, charts.Count);
        Assert.All(charts, c => Assert.Equal(4, PointElements().Count(c)));
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Check_report_and_compare_draw_trends_from_history()
    {
        var config = WriteConfig();
        var baselines = Path.Combine(_dir, "baselines");
        var update = await Tool("baseline", "update", "--results", WriteResults("base.jsonl", 1.0), "--baselines", baselines, "--config", config);
        Assert.True(update.ExitCode == 0, update.Output + update.Error);
        for (var i = 0; i < 6; i++)
        {
            var appended = await Append(WriteResults($"r{i}.jsonl", 1 + 0.02 * i), $"commit{i}", "--baselines", baselines);
            Assert.True(appended.ExitCode == 0, appended.Output + appended.Error);
        }
        // The verdict `check` gives against the baselines: 3 repetitions against one stored run cannot decide.
        var first = JsonDocument.Parse((await File.ReadAllLinesAsync(Path.Combine(HistoryDir, "ci.jsonl")))[0]).RootElement;
        Assert.True(first.TryGetProperty("verdict", out var verdict), first.ToString());
        Assert.Equal("inconclusive", verdict.GetString());
        var check = await Tool("check", "--results", WriteResults("r0.jsonl", 1.0), "--baselines", baselines, "--config", config, "--report", Path.Combine(_dir, "r0.md"));
        Assert.StartsWith("Inconclusive", check.Output, StringComparison.Ordinal);
        var head = WriteResults("head.jsonl", 1.3);
        string[][] verbs = [["check", "--results", head, "--baselines", baselines], ["report", head, "--baselines", baselines], ["compare", WriteResults("b.jsonl", 1.0), head]];
        foreach (var verb in verbs)
        {
            var (markdown, html) = (Path.Combine(_dir, verb[0] + ".md"), Path.Combine(_dir, verb[0] + ".html"));
            var run = await Tool([.. verb, "--config", config, "--history", HistoryDir, "--report", markdown, "--html", html]);
            Assert.True(run.ExitCode is 0 or 1 or 3, run.Output + run.Error);
            var charts = Charts().Matches(await File.ReadAllTextAsync(html)).Select(m => m.Value).ToList();
            Assert.Equal(GatedMetrics, charts.Count);
            Assert.All(charts, c => Assert.Equal(7, PointElements().Count(c)));
            Assert.All(charts, c => Assert.Single(PointElements().Matches(c), p => p.Value.Contains("trend-point current", StringComparison.Ordinal)));
            var text = await File.ReadAllTextAsync(markdown);
            Assert.Contains("## Trends", text, StringComparison.Ordinal);
            Assert.Matches("`[▁▂▃▄▅▆▇█]{7}`", text);
        }
    }

    [Fact]
    public async Task A_missing_or_empty_history_folder_draws_no_trend_and_is_no_error()
    {
        var config = WriteConfig();
        Directory.CreateDirectory(Path.Combine(_dir, "empty"));
        foreach (var folder in new[] { Path.Combine(_dir, "missing"), Path.Combine(_dir, "empty") })
        {
            var html = Path.Combine(_dir, "r.html");
            var run = await Tool("report", WriteResults("head.jsonl", 1.0), "--config", config, "--history", folder, "--report", Path.Combine(_dir, "r.md"), "--html", html);
            Assert.True(run.ExitCode == 0, run.Output + run.Error);
            Assert.DoesNotContain("trend-chart", await File.ReadAllTextAsync(html), StringComparison.Ordinal);
            Assert.DoesNotContain("## Trends", await File.ReadAllTextAsync(Path.Combine(_dir, "r.md")), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_corrupt_history_line_is_reported_with_file_and_line()
    {
        await Append(WriteResults("r0.jsonl", 1.0), "commit0");
        var file = Path.Combine(HistoryDir, "ci.jsonl");
        await File.AppendAllTextAsync(file, "{\"schema_version\":1,\n");
        var run = await Append(WriteResults("r1.jsonl", 1.0), "commit1");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"{file}:2: not a history entry", run.Error, StringComparison.Ordinal);
        Assert.Single(await File.ReadAllLinesAsync(file), l => l.Length > 0 && l.Contains("commit0", StringComparison.Ordinal));
    }

    private static Task<ToolRunner.Run> Tool(params string[] args) => ToolRunner.RunAsync(args);

    private Task<ToolRunner.Run> Append(string results, string commit, params string[] more) =>
        Tool(["history", "append", "--history", HistoryDir, "--results", results, "--commit", commit, "--machine-class", "ci", "--config", WriteConfig(), .. more]);

    private string WriteConfig()
    {
        var path = Path.Combine(_dir, "energygate.yml");
        File.WriteAllText(path, TestPlans.SmokeOnnx + "\nmachine-class: ci\n");
        return path;
    }

    /// <summary>3 repetitions of 4 tasks; joules scale with <paramref name="level"/>, half the tasks pass.</summary>
    private string WriteResults(string name, double level)
    {
        var header = new RunHeader("hash", "0.1.0", DateTimeOffset.UnixEpoch, [Cell],
            new Dictionary<string, string> { ["cpu_model"] = "Test CPU", ["gpu_model"] = "none", ["meter_kind"] = "Estimated" });
        var records = new List<JournalRecord> { header };
        foreach (var r in Enumerable.Range(0, 3))
        {
            foreach (var t in Enumerable.Range(0, 4))
            {
                records.Add(new SampleRecord
                {
                    Cell = Cell, Repetition = r, TaskId = $"Smoke/{t}", SampleIndex = 0, PromptTokens = 40, GeneratedTokens = 8,
                    StopReason = "Eos", PrefillSeconds = 0.001, TtftSeconds = 0.001, DecodeSeconds = 0.01, PrefillJoules = 0.5 * level * (1 + 0.01 * r),
                    DecodeJoules = 2 * level * (1 + 0.01 * r), EnergyKind = "Estimated", Domains = [], Completion = "    return 1\n",
                });
                records.Add(new ScoreRecord(Cell, r, $"Smoke/{t}", 0, t % 2 == 0, t % 2 == 0 ? "passed" : "failed"));
            }
        }
        var path = Path.Combine(_dir, name);
        File.WriteAllLines(path, records.Select(record => JsonSerializer.Serialize(record, ResultsJournal.JsonOptions)));
        return path;
    }

    [GeneratedRegex("<svg [^>]*class=\"trend-chart\".*?</svg>", RegexOptions.Singleline)]
    private static partial Regex Charts();

    [GeneratedRegex("<circle class=\"trend-point[^\"]*\"[^>]*>")]
    private static partial Regex PointElements();
}

using System.Text.Json;
using EnergyGate.Core.Measurement;
using EnergyGate.Tool.Diagnostics;

namespace EnergyGate.Tool.Tests;

/// <summary>
/// The contract the GitHub Action relies on, end to end on results written by hand (decode 2.5 J and
/// prefill 0.5 J per problem, every task passed), so nothing is measured: a budget breach is EG1015 and
/// exit 1 for check and compare, with or without a baseline; report writes it and exits 0; with
/// <c>--diagnostics github</c> each finding is a workflow command at its energygate.yml line, relative
/// to $GITHUB_WORKSPACE.
/// </summary>
public sealed class BudgetAnnotationsEndToEndTests : IDisposable
{
    private const string Cell = "smoke/tiny/onnx/cpu";

    private readonly string _dir = Directory.CreateTempSubdirectory("energygate-budgets-").FullName;
    private readonly string? _workspaceBefore = Environment.GetEnvironmentVariable(GitHubCommand.WorkspaceVariable);

    public BudgetAnnotationsEndToEndTests() => Environment.SetEnvironmentVariable(GitHubCommand.WorkspaceVariable, _dir);

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(GitHubCommand.WorkspaceVariable, _workspaceBefore);
        Directory.Delete(_dir, recursive: true);
    }

    // Line 14 holds the decode_joules limit that breaks; line 4 the model entry the other findings point at.
    private string WriteConfig(string subfolder)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_dir, subfolder)).FullName;
        var path = Path.Combine(folder, "energygate.yml");
        File.WriteAllText(path, """
            version: 1
            baselines: baselines
            models:
              - name: tiny
                source: builtin:tiny
            runtimes:
              - runtime: onnx
                provider: cpu
            suites:
              - name: smoke
            gate:
              budgets:
                - cell: "smoke/*/onnx/*"
                  decode_joules: 2
                  "pass@1": 0.5
                  joules_per_problem: "<= 10"
            """.ReplaceLineEndings("\n"));
        return path;
    }

    private string WriteResults(string name)
    {
        static string Line(JournalRecord record) => JsonSerializer.Serialize(record, ResultsJournal.JsonOptions);
        var header = new RunHeader("hash", "0.1.0", DateTimeOffset.UnixEpoch, [Cell],
            new Dictionary<string, string> { ["cpu_model"] = "Test CPU", ["gpu_model"] = "none", ["meter_kind"] = "Estimated" })
        {
            ExpectedSamples = new Dictionary<string, int> { [Cell] = 6 },
        };
        int[] repetitions = [0, 1, 2];
        string[] tasks = ["Smoke/0", "Smoke/1"];
        string[] lines =
        [
            Line(header),
            .. from r in repetitions from t in tasks select Line(new SampleRecord
            {
                Cell = Cell, Repetition = r, TaskId = t, SampleIndex = 0, PromptTokens = 10, GeneratedTokens = 8, StopReason = "Eos",
                PrefillSeconds = 0.001, TtftSeconds = 0.001, DecodeSeconds = 0.01, PrefillJoules = 0.5, DecodeJoules = 2.5,
                EnergyKind = "Estimated", Domains = [], Completion = "    return 1\n",
            }),
            .. from r in repetitions from t in tasks select Line(new ScoreRecord(Cell, r, t, 0, true, "passed")),
        ];
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, string.Join('\n', lines) + "\n");
        return path;
    }

    private const string Breach =
        "::error file=ci/energygate.yml,line=14,col=7,title=EnergyGate EG1015::smoke/tiny/onnx/cpu decode_joules: decode_joules 2.5 J exceeds its budget <= 2 J (gate.budgets[0])";

    [Fact]
    public async Task Check_without_a_baseline_fails_on_the_budget_and_annotates_each_finding()
    {
        var (config, results) = (WriteConfig("ci"), WriteResults("run.jsonl"));
        var (markdown, json) = (Path.Combine(_dir, "r.md"), Path.Combine(_dir, "r.json"));

        var run = await ToolRunner.RunAsync("check", "--results", results, "--config", config, "--report", markdown, "--json", json, "--diagnostics", "github");

        Assert.True(run.ExitCode == 1, run.Output + run.Error);
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("Budget breached in 1 of 1 cell", lines[0]);
        Assert.Contains("::warning file=ci/energygate.yml,line=4,col=5,title=EnergyGate EG1005::smoke/tiny/onnx/cpu: no baseline; record one with `dotnet energygate baseline update` and commit it", lines);
        Assert.Contains(Breach, lines);
        Assert.Equal(2, lines.Count(l => l.StartsWith("::", StringComparison.Ordinal)));   // within-budget limits are not findings
        var report = await File.ReadAllTextAsync(markdown);
        Assert.Contains("| #1 `smoke/*/onnx/*` | smoke/tiny/onnx/cpu | decode_joules <= 2 J | 2.50 J (Estimated) | Breached (EG1015) |", report, StringComparison.Ordinal);
        Assert.Contains("| #1 `smoke/*/onnx/*` | smoke/tiny/onnx/cpu | pass@1 >= 0.5 | 1 | Within |", report, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        Assert.Equal("regression", doc.RootElement.GetProperty("verdict").GetString());
        Assert.Equal(1, doc.RootElement.GetProperty("exit_code").GetInt32());
        Assert.Equal(["breached", "within", "within"], doc.RootElement.GetProperty("budgets").EnumerateArray().Select(b => b.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task Compare_fails_on_the_budget_although_head_equals_base_and_report_exits_0()
    {
        var (config, results) = (WriteConfig("ci"), WriteResults("run.jsonl"));

        var compare = await ToolRunner.RunAsync("compare", results, results, "--config", config, "--report", Path.Combine(_dir, "c.md"), "--diagnostics", "github");
        var report = await ToolRunner.RunAsync("report", results, "--config", config, "--report", Path.Combine(_dir, "p.md"), "--diagnostics", "github");

        Assert.True(compare.ExitCode == 1, compare.Output + compare.Error);
        // Identical repetitions of one stored run read inconclusive (EG1003 warnings); the breach still decides.
        Assert.Contains(Breach, compare.Output.Split('\n', StringSplitOptions.TrimEntries));
        Assert.StartsWith("Budget breached in 1 of 1 cell", compare.Output, StringComparison.Ordinal);
        Assert.True(report.ExitCode == 0, report.Output + report.Error);
        Assert.Contains(Breach, report.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Msbuild_lines_of_compare_carry_positions_too()
    {
        var (config, results) = (WriteConfig("ci"), WriteResults("run.jsonl"));

        var compare = await ToolRunner.RunAsync("compare", results, results, "--config", config, "--report", Path.Combine(_dir, "c.md"), "--diagnostics", "msbuild");

        Assert.Equal(1, compare.ExitCode);
        Assert.Contains($"{config}(14,7): error EG1015: smoke/tiny/onnx/cpu decode_joules: decode_joules 2.5 J exceeds its budget <= 2 J (gate.budgets[0])", compare.Output, StringComparison.Ordinal);
    }
}

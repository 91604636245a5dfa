using System.Text.Json;
using EnergyGate.Core.Measurement;

namespace EnergyGate.Tool.Tests;

/// <summary>
/// Every verb that reads a results file or a baseline refuses what cannot be one run's
/// measurements with a clear message and exit 2 (never "internal error"), and gates an unfinished
/// run as incomplete. The results files are written by hand, so nothing here is measured.
/// </summary>
public sealed class RecordedResultsIntegrityTests : IDisposable
{
    private const string Cell = "smoke/tiny/onnx/cpu";
    private static readonly int[] Repetitions = [0, 1, 2];
    private static readonly string[] Tasks = ["Smoke/0", "Smoke/1"];

    private readonly string _dir = Directory.CreateTempSubdirectory("energygate-integrity-").FullName;
    private readonly string _config;

    public RecordedResultsIntegrityTests()
    {
        _config = Path.Combine(_dir, "energygate.yml");
        File.WriteAllText(_config, TestPlans.SmokeOnnx);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Line(JournalRecord record) => JsonSerializer.Serialize(record, ResultsJournal.JsonOptions);

    /// <summary>Three repetitions of two tasks (lines 2..7 samples, 8..13 scores); <paramref name="expected"/> as the header promises.</summary>
    private static List<string> Run(int expected = 6)
    {
        var header = new RunHeader("hash", "0.1.0", DateTimeOffset.UnixEpoch, [Cell],
            new Dictionary<string, string> { ["cpu_model"] = "Test CPU", ["gpu_model"] = "none", ["meter_kind"] = "Estimated" })
        {
            ExpectedSamples = new Dictionary<string, int> { [Cell] = expected },
        };
        return
        [
            Line(header),
            .. from r in Repetitions from t in Tasks select Line(new SampleRecord
            {
                Cell = Cell, Repetition = r, TaskId = t, SampleIndex = 0, PromptTokens = 10, GeneratedTokens = 8, StopReason = "Eos",
                PrefillSeconds = 0.001, TtftSeconds = 0.001, DecodeSeconds = 0.01, PrefillJoules = 0.5, DecodeJoules = 2.5,
                EnergyKind = "Estimated", Domains = [], Completion = "    return 1\n",
            }),
            .. from r in Repetitions from t in Tasks select Line(new ScoreRecord(Cell, r, t, 0, true, "passed")),
        ];
    }

    private string Write(string name, IEnumerable<string> lines)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, string.Join('\n', lines) + "\n");
        return path;
    }

    private Task<ToolRunner.Run> Tool(params string[] args) =>
        ToolRunner.RunAsync([.. args, "--config", _config, "--report", Path.Combine(_dir, "report.md")]);

    private Task<ToolRunner.Run> Update(string results) =>
        ToolRunner.RunAsync("baseline", "update", "--results", results, "--config", _config);

    private static void Refused(ToolRunner.Run run, string expected)
    {
        Assert.True(run.ExitCode == 2, $"exit {run.ExitCode}: {run.Output}{run.Error}");
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Duplicated_lines_are_refused_by_check_report_compare_and_baseline_update()
    {
        var good = Write("good.jsonl", Run());
        var doubled = Write("doubled.jsonl", [.. Run(), .. Run().Skip(1)]);
        var expected = $"EG2044: {doubled}:14: line 14 repeats sample (cell {Cell}, rep 0, task Smoke/0, sample 0) first seen on line 2; a results file holds one run";

        Assert.Equal(0, (await Update(good)).ExitCode);
        var same = await Tool("check", "--results", good);
        Assert.True(same.ExitCode == 0 && !same.Output.Contains("EG1001", StringComparison.Ordinal), same.Output + same.Error);
        Refused(await Tool("check", "--results", doubled), expected);
        Refused(await Tool("report", doubled), expected);
        Refused(await Tool("compare", good, doubled), expected);
        Refused(await Update(doubled), expected);
        Refused(await Tool("check", "--results", Write("twice.jsonl", [.. Run(), .. Run()])), "twice.jsonl:14: a second run header (the first is on line 1)");
    }

    [Theory]
    [InlineData("1e999", "field `decode_joules` is Infinity (a number too large for a double, e.g. 1e999); expected a finite number >= 0")]
    [InlineData("-250", "field `decode_joules` is -250; expected a finite number >= 0")]
    [InlineData("\"NaN\"", "not a results record: field `decode_joules`: expected a number, and a finite one")]
    public async Task Forged_numbers_in_a_results_file_are_a_clear_error(string value, string expected)
    {
        var lines = Run();
        lines[4] = lines[4].Replace("\"decode_joules\":2.5", $"\"decode_joules\":{value}", StringComparison.Ordinal);
        var path = Write("forged.jsonl", lines);
        Refused(await Tool("check", "--results", path), $"{path}:5: {expected}");
    }

    [Fact]
    public async Task A_forged_number_in_a_baseline_is_a_clear_error()
    {
        var good = Write("good.jsonl", Run());
        Assert.Equal(0, (await Update(good)).ExitCode);
        var file = Directory.GetFiles(Path.Combine(_dir, "baselines"), "*.json", SearchOption.AllDirectories).Single();
        var json = await File.ReadAllTextAsync(file);
        var at = json.IndexOf("\"joules_per_problem\": [", StringComparison.Ordinal);
        Assert.True(at > 0, json);
        var first = json.IndexOf('\n', at) + 1;
        await File.WriteAllTextAsync(file, json[..first] + "        1e999" + json[json.IndexOf(',', first)..]);
        Refused(await Tool("check", "--results", good), $"EG2045: {file}: $.cells[0].measurements.metrics.joules_per_problem[0] is Infinity");
    }

    [Fact]
    public async Task An_unfinished_run_is_gated_as_incomplete_fails_on_inconclusive_and_records_no_baseline()
    {
        Assert.Equal(0, (await Update(Write("good.jsonl", Run()))).ExitCode);
        var cut = Write("cut.jsonl", Run(expected: 6).Take(5).Concat(Run().Skip(7).Take(2)));   // 4 of 6 samples, 2 scored

        var check = await Tool("check", "--results", cut);
        Assert.True(check.ExitCode == 0, check.Output + check.Error);
        Assert.Contains("Inconclusive: 1 of 1 cell incomplete (the run stopped early)", check.Output, StringComparison.Ordinal);
        Assert.Contains($"EG1012", check.Output, StringComparison.Ordinal);
        Assert.Contains($"cell {Cell} is incomplete in cut.jsonl: 4 of 6 samples, 2 scored; not compared", check.Output, StringComparison.Ordinal);
        Assert.Equal(3, (await Tool("check", "--results", cut, "--fail-on", "inconclusive")).ExitCode);

        var update = await Update(cut);
        Refused(update, $"EG2044: not recording baselines from an incomplete run: cell {Cell} is incomplete in cut.jsonl: 4 of 6 samples, 2 scored.");
    }

    [Fact]
    public async Task A_second_baseline_update_is_refused_while_another_holds_the_folder()
    {
        var good = Write("good.jsonl", Run());
        using (new Core.Baselines.BaselineStore(Path.Combine(_dir, "baselines")).LockForUpdate())
        {
            Refused(await Update(good), "EG2046: another `baseline update` is writing");
        }
        Assert.Equal(0, (await Update(good)).ExitCode);
    }
}

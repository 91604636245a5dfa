using System.Text.Json;
using EnergyGate.Core.Measurement;
using EnergyGate.Core.Tests.TestSupport;

namespace EnergyGate.Core.Tests.Measurement;

/// <summary>
/// A results file holds one run: duplicated lines, concatenated runs and edited numbers are refused
/// by the one reader every verb uses, naming the line, instead of being added up into a finding.
/// The journals are written by hand (deterministic), not measured.
/// </summary>
public sealed class JournalIntegrityTests : IDisposable
{
    private const string Cell = "smoke/tiny/onnx/cpu";
    private static readonly RunHeader Header = new("hash-1", "0.1.0", DateTimeOffset.UnixEpoch, [Cell],
        new Dictionary<string, string> { ["cpu_model"] = "test cpu" });

    private static readonly int[] Repetitions = [0, 1];
    private static readonly string[] Tasks = ["t0", "t1"];

    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static string Line(JournalRecord record) => JsonSerializer.Serialize(record, ResultsJournal.JsonOptions);

    private static SampleRecord Sample(string task, int repetition = 0) =>
        ResultsJournalTests.Sample(task, repetition) with { Cell = Cell };

    private static ScoreRecord Score(string task, int repetition = 0) => new(Cell, repetition, task, 0, true, "passed");

    /// <summary>A complete two-task, two-repetition run: header, four samples, four scores (lines 1..9).</summary>
    private static List<string> Run(RunHeader? header = null) =>
    [
        Line(header ?? Header),
        .. from r in Repetitions from t in Tasks select Line(Sample(t, r)),
        .. from r in Repetitions from t in Tasks select Line(Score(t, r)),
    ];

    private string Write(IEnumerable<string> lines)
    {
        var path = _dir.File($"run-{Guid.NewGuid():N}.jsonl");
        File.WriteAllText(path, string.Join('\n', lines) + "\n");
        return path;
    }

    private static async Task<string> Refusal(string path) =>
        (await Assert.ThrowsAsync<EnergyGateException>(() => ResultsJournal.ReadAsync(path))).Message;

    [Fact]
    public async Task A_duplicated_sample_line_is_refused_naming_both_lines()
    {
        var lines = Run();
        lines.Add(lines[1]);   // line 10 repeats line 2
        var path = Write(lines);
        Assert.Equal(
            $"EG2044: {path}:10: line 10 repeats sample (cell {Cell}, rep 0, task t0, sample 0) first seen on line 2; "
            + "a results file holds one run: do not concatenate or duplicate files; use `merge` for shards.",
            await Refusal(path));
    }

    [Fact]
    public async Task Every_line_duplicated_is_refused_by_the_summary_reader_too()
    {
        var path = Write(Run().SelectMany(l => new[] { l, l }));
        var error = await Assert.ThrowsAsync<EnergyGateException>(() => RunResults.LoadAsync(path, []));
        Assert.StartsWith($"EG2044: {path}:2: a second run header (the first is on line 1)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_runs_concatenated_are_refused_at_the_second_header()
    {
        var path = Write([.. Run(), .. Run()]);
        var message = await Refusal(path);
        Assert.StartsWith($"EG2044: {path}:10: a second run header (the first is on line 1); a results file holds one run", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sample_scored_twice_is_refused()
    {
        var lines = Run();
        lines.Add(Line(Score("t1", 1) with { Passed = false, Result = "failed" }));
        var path = Write(lines);
        Assert.Contains($"{path}:10: line 10 repeats score for sample (cell {Cell}, rep 1, task t1, sample 0) first seen on line 9",
            await Refusal(path), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"prefill_joules\":0.1", "\"prefill_joules\":-1", "field `prefill_joules` is -1; expected a finite number >= 0 and at most 1E+09 J")]
    [InlineData("\"prefill_joules\":0.1", "\"prefill_joules\":1e12", "field `prefill_joules` is 1000000000000; expected a finite number >= 0 and at most 1E+09 J")]
    [InlineData("\"decode_seconds\":0.2", "\"decode_seconds\":-0.5", "field `decode_seconds` is -0.5; expected a finite number >= 0 and at most 1E+06 s")]
    [InlineData("\"generated_tokens\":20", "\"generated_tokens\":-1", "field `generated_tokens` is -1; expected a finite number >= 0")]
    public async Task Impossible_values_are_refused_with_the_line_and_the_field(string valid, string forged, string expected)
    {
        var lines = Run();
        Assert.Contains(valid, lines[3], StringComparison.Ordinal);
        lines[3] = lines[3].Replace(valid, forged, StringComparison.Ordinal);
        var path = Write(lines);
        var message = await Refusal(path);
        Assert.StartsWith($"EG2045: {path}:4: {expected}", message, StringComparison.Ordinal);
        Assert.Contains("measure again", message, StringComparison.Ordinal);
    }

    /// <summary>System.Text.Json reads 1e999 as infinity (the journal's options take no named floats), so the value check names it.</summary>
    [Fact]
    public async Task A_number_beyond_a_double_is_refused_as_infinity_with_the_line_and_the_field()
    {
        var lines = Run();
        lines[2] = lines[2].Replace("\"decode_joules\":1,", "\"decode_joules\":1e999,", StringComparison.Ordinal);
        var path = Write(lines);
        Assert.StartsWith($"EG2045: {path}:3: field `decode_joules` is Infinity (a number too large for a double, e.g. 1e999); expected a finite number >= 0",
            await Refusal(path), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"NaN\"")]
    [InlineData("\"-Infinity\"")]
    public async Task Named_non_numbers_are_refused_with_the_line_and_the_field(string forged)
    {
        var lines = Run();
        lines[2] = lines[2].Replace("\"decode_joules\":1,", $"\"decode_joules\":{forged},", StringComparison.Ordinal);
        var path = Write(lines);
        Assert.StartsWith($"{path}:3: not a results record: field `decode_joules`: expected a number, and a finite one",
            await Refusal(path), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_that_stopped_early_lists_its_incomplete_cells_and_an_older_header_lists_none()
    {
        var header = Header with { ExpectedSamples = new Dictionary<string, int> { [Cell] = 6 } };
        var cut = Run(header).Take(6).ToList();   // header, four samples, one score
        var summary = await RunResults.LoadAsync(Write(cut), []);
        var gap = Assert.Single(summary.Incomplete);
        Assert.Equal((6, 4, 1), (gap.ExpectedSamples, gap.Samples, gap.ScoredSamples));
        Assert.StartsWith($"cell {Cell} is incomplete in run-", gap.Describe(), StringComparison.Ordinal);
        Assert.EndsWith(": 4 of 6 samples, 1 scored", gap.Describe(), StringComparison.Ordinal);

        var complete = await RunResults.LoadAsync(Write(Run(header with { ExpectedSamples = new Dictionary<string, int> { [Cell] = 4 } })), []);
        Assert.Empty(complete.Incomplete);
        var older = await RunResults.LoadAsync(Write(cut.Skip(1).Prepend(Line(Header))), []);
        Assert.Empty(older.Incomplete);   // no expected_samples: completeness unknown, as before
    }
}

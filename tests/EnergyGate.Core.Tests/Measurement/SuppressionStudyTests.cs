using EnergyGate.Core.Measurement;

namespace EnergyGate.Core.Tests.Measurement;

public sealed class SuppressionStudyTests
{
    private static SampleRecord Sample(string suite, string task, double joules, int tokens, int checks = 0) =>
        ResultsJournalTests.Sample(task, prefill: 0, decode: joules) with
        {
            Cell = $"{suite}/tiny/onnx/cpu", GeneratedTokens = tokens, SuppressionChecks = checks, SuppressionCheckSeconds = checks * 0.001,
        };

    [Fact]
    public void Strategies_are_paired_with_the_same_samples_run_without_suppression()
    {
        var records = new List<JournalRecord>
        {
            Sample("smoke+none", "A", 10, 100), Sample("smoke+none", "B", 10, 100),
            Sample("smoke+syntax", "A", 4, 40, checks: 3), Sample("smoke+syntax", "B", 6, 60, checks: 5),
            new ScoreRecord("smoke+none/tiny/onnx/cpu", 0, "A", 0, true, "passed"),
            new ScoreRecord("smoke+none/tiny/onnx/cpu", 0, "B", 0, false, "failed"),
            new ScoreRecord("smoke+syntax/tiny/onnx/cpu", 0, "A", 0, false, "failed"),
            new ScoreRecord("smoke+syntax/tiny/onnx/cpu", 0, "B", 0, false, "failed"),
            Sample("smoke", "A", 10, 100),   // an ordinary cell is no study variant
        };
        var row = Assert.Single(SuppressionStudy.Analyze(records));
        Assert.Equal(("smoke/tiny/onnx/cpu", "syntax"), (row.Cell, row.Strategy));
        Assert.Equal(0.5, row.Savings.EnergySaved, 9);          // 1 - (4 + 6) / (10 + 10)
        Assert.Equal(100, row.Savings.TokensSaved);
        Assert.Equal((1, 0, 1, 0), (row.PassOff, row.PassOn, row.Lost, row.Gained));
        Assert.Equal(8, row.Checks);
        Assert.Equal(1.0, row.MeanCheckMilliseconds, 9);
        Assert.Contains("| smoke/tiny/onnx/cpu | syntax | 100 (50.0%) | 50.0% [", SuppressionStudy.Markdown([row]), StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_without_variants_has_no_study() =>
        Assert.Empty(SuppressionStudy.Markdown(SuppressionStudy.Analyze([Sample("smoke", "A", 1, 1)])));
}

using EnergyGate.Core.Baselines;
using EnergyGate.Core.Gating;
using EnergyGate.Core.Reporting;
using static EnergyGate.Core.Tests.Gating.GateFixtures;

namespace EnergyGate.Core.Tests.Gating;

/// <summary>
/// What the gate cannot judge it says, instead of passing quietly: a cell the run did not finish
/// (EG1012, inconclusive under the policy) and an accuracy gate with no outcomes to compare (EG1011).
/// </summary>
public sealed class IncompleteAndUngatedTests
{
    private static readonly CellKey Other = new("humaneval", "tiny-coder", "onnx", "cpu");

    private static GateResult Evaluate(BaselineSet baseline, CandidateSet candidate, GatePolicy? policy = null) =>
        Gate.Evaluate(baseline, candidate, policy ?? GatePolicy.Default, Today);

    [Fact]
    public void An_incomplete_cell_is_not_compared_and_is_inconclusive_so_fail_on_inconclusive_fails()
    {
        // The candidate's partial repetitions are ten times the baseline: compared, they would be a regression.
        var candidate = Candidate(Record(2, 1000, 0.02), Record(3, 100, 0.02, cell: Other)) with
        {
            Incomplete = [new CellCompleteness(Cell, 40, 12, 12, "run.jsonl")],
        };
        var result = Evaluate(Baseline(Record(1, 100, 0.02), Record(4, 100, 0.02, cell: Other)), candidate);

        var cell = result.Cells.Single(c => c.Cell == Cell);
        Assert.Equal(CellStatus.Incomplete, cell.Status);
        Assert.Empty(cell.Metrics);
        var finding = Assert.Single(result.Findings, f => f.Cell == Cell);
        Assert.Equal((FindingIds.Incomplete, FindingLevel.Warning), (finding.Id, finding.Level));
        Assert.Equal($"cell {Cell} is incomplete in run.jsonl: 12 of 40 samples, 12 scored; not compared. Finish the run with `dotnet energygate run --resume --results run.jsonl`", finding.Message);
        Assert.Equal(CellStatus.Compared, result.Cells.Single(c => c.Cell == Other).Status);   // complete cells are still gated

        Assert.Equal(GateVerdict.Inconclusive, result.Verdict);
        Assert.Equal(GateExitCode.Pass, Gate.ExitCodeFor(result.Verdict, GatePolicy.Default));
        Assert.Equal(GateExitCode.InconclusiveOrIncomparable, Gate.ExitCodeFor(result.Verdict, GatePolicy.Default with { FailOn = FailOn.Inconclusive }));
        Assert.Equal("Inconclusive: 1 of 2 cells incomplete (the run stopped early)", VerdictLine.For(result));
        Assert.Contains("| Incomplete (EG1012) |", MarkdownReport.Render(result), StringComparison.Ordinal);
        Assert.Contains("| samples | - | 12 of 40 (12 scored) |", MarkdownReport.Render(result), StringComparison.Ordinal);
        Assert.Contains("\"status\": \"incomplete\"", JsonReport.Render(result), StringComparison.Ordinal);
    }

    [Fact]
    public void A_baseline_without_outcomes_says_accuracy_was_not_gated_in_markdown_and_json()
    {
        var candidate = Candidate(Record(2, 100, 0.02, outcomes: Outcomes(20, 5)));   // pass@1 fell from (unknown) to 25 %
        var result = Evaluate(Baseline(Record(1, 100, 0.02)), candidate);

        Assert.Null(result.Cells[0].Accuracy);
        var finding = Assert.Single(result.Findings);
        Assert.Equal((FindingIds.AccuracyNotCompared, FindingLevel.Warning, MetricIds.Accuracy), (finding.Id, finding.Level, finding.Metric));
        Assert.Equal($"{Cell}: accuracy not gated: the baseline has no per-task outcomes; re-record it with `dotnet energygate baseline update` to gate accuracy", finding.Message);
        Assert.Equal(GateVerdict.Warning, result.Verdict);
        Assert.Equal("No failing change: accuracy not gated in 1 of 1 cell", VerdictLine.For(result));
        Assert.Contains("Accuracy not gated (EG1011)", MarkdownReport.Render(result), StringComparison.Ordinal);
        Assert.Contains("\"id\": \"EG1011\"", JsonReport.Render(result), StringComparison.Ordinal);
    }

    [Fact]
    public void Accuracy_is_quiet_when_neither_side_has_outcomes_or_the_policy_does_not_gate_it()
    {
        Assert.Empty(Evaluate(Baseline(Record(1, 100, 0.02)), Candidate(Record(2, 100, 0.02))).Findings);
        var ungated = Evaluate(Baseline(Record(1, 100, 0.02)), Candidate(Record(2, 100, 0.02, outcomes: Outcomes(20, 5))), GatePolicy.Default with { GateAccuracy = false });
        Assert.Empty(ungated.Findings);
    }
}

using EnergyGate.Core.Baselines;
using EnergyGate.Core.Gating;
using EnergyGate.Core.History;
using EnergyGate.Core.Statistics;
using EnergyGate.Core.Tests.Gating;

namespace EnergyGate.Core.Tests.History;

public sealed class HistoryEntriesTests
{
    [Fact]
    public void A_run_becomes_an_entry_with_run_level_figures_work_and_pass_at_1()
    {
        var record = GateFixtures.Record(3, 120, 0.03, outcomes: GateFixtures.Outcomes(10, 4));
        var candidate = GateFixtures.Candidate(record) with { Run = new RunInfo("0.2.0", "abc", new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.FromHours(2))) };
        var entry = HistoryEntries.From(candidate, GateVerdict.Regression);
        Assert.Equal((1, "abc", "ci-a10", MeterKind.Measured, "0.2.0", GateVerdict.Regression),
            (entry.SchemaVersion, entry.Commit, entry.MachineClass, entry.MeterKind, entry.ToolVersion, entry.Verdict));
        Assert.Equal(new DateTimeOffset(2025, 6, 1, 10, 0, 0, TimeSpan.Zero), entry.Date);
        Assert.Equal(TimeSpan.Zero, entry.Date.Offset);
        var cell = Assert.Single(entry.Cells);
        Assert.Equal(GateFixtures.Cell.ToString(), cell.Key);
        Assert.Equal([MetricIds.JoulesPerProblem, MetricIds.PrefillJoules, MetricIds.DecodeJoules, MetricIds.DecodeJoulesPerToken], cell.Value.Metrics.Keys);
        var joules = record.Measurements.Metrics[MetricIds.JoulesPerProblem];
        Assert.Equal(RunFigures.Of(joules), cell.Value.Metrics[MetricIds.JoulesPerProblem]);
        Assert.Equal(Median.Of(joules), cell.Value.Metrics[MetricIds.JoulesPerProblem].Median);
        Assert.Equal(new Dictionary<string, double> { [MetricIds.GeneratedTokens] = 250 }, cell.Value.Work);
        Assert.Equal(0.4, cell.Value.PassAt1);
        Assert.Null(cell.Value.CodeSim);
    }

    [Fact]
    public void Incomplete_cells_are_left_out()
    {
        var other = GateFixtures.Cell with { Provider = "cpu" };
        var candidate = GateFixtures.Candidate(GateFixtures.Record(1, 100, 0.03), GateFixtures.Record(2, 100, 0.03, cell: other)) with
        {
            Incomplete = [new CellCompleteness(other, 40, 12, 12, "run.jsonl")],
        };
        Assert.Equal([GateFixtures.Cell.ToString()], HistoryEntries.From(candidate, null).Cells.Keys);
    }

    [Fact]
    public void Understanding_cells_record_code_sim()
    {
        var record = GateFixtures.Record(1, 100, 0.03);
        record = record with { Measurements = record.Measurements with { SampleScores = new Dictionary<string, double> { ["a"] = 0.5, ["b"] = 0.7 } } };
        var cell = HistoryEntries.From(GateFixtures.Candidate(record), null).Cells.Single().Value;
        Assert.Equal(60, cell.CodeSim!.Value, 9);
        Assert.Null(cell.PassAt1);
    }
}

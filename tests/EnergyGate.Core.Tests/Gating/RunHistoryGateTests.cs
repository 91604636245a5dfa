using EnergyGate.Core.Baselines;
using EnergyGate.Core.Gating;
using EnergyGate.Core.Tests.TestSupport;

namespace EnergyGate.Core.Tests.Gating;

// The gate against stored baselines, read back from files as `check` does: five recorded runs whose
// medians spread about +/-8 % (the between-run drift of the 2-core build VMs, 2 % CV inside a run),
// and a one-run baseline (every schema 1 file).
public sealed class RunHistoryGateTests
{
    private static readonly double[] RunMedians = [9.2, 9.6, 10.0, 10.4, 10.8];

    private static BaselineStore Store(TempDir temp, params double[] medians)
    {
        var store = new BaselineStore(temp.Path);
        for (var i = 0; i < medians.Length; i++)
        {
            var doc = new BaselineDocument(BaselineDocument.CurrentSchemaVersion, "0.1.0", $"run{i}", new DateTimeOffset(2025, 6, 1 + i, 0, 0, 0, TimeSpan.Zero),
                GateFixtures.Machine(), [GateFixtures.Record(100 + i, medians[i], 0.02, n: 5)]);
            store.Save(doc, keepRuns: 5);
        }
        return store;
    }

    private static GateResult Gate(BaselineStore store, double candidateJoules)
    {
        var candidate = GateFixtures.Candidate(GateFixtures.Record(7, candidateJoules, 0.02, n: 5));
        return Core.Gating.Gate.Evaluate(store.LoadFor(candidate), candidate, GatePolicy.Default, GateFixtures.Today);
    }

    [Fact]
    public void Ten_percent_inside_the_run_spread_is_not_a_regression()
    {
        using var temp = new TempDir();
        var result = Gate(Store(temp, RunMedians), 11.0);
        Assert.NotEqual(GateVerdict.Regression, result.Verdict);
        Assert.DoesNotContain(result.Findings, f => f.Id == FindingIds.Regression || f.Id == FindingIds.Warning);
        Assert.Contains("5 stored runs", result.Cells[0].Metrics[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Forty_percent_beyond_the_run_spread_is_a_regression()
    {
        using var temp = new TempDir();
        var result = Gate(Store(temp, RunMedians), 14.0);
        Assert.Equal(GateVerdict.Regression, result.Verdict);
        Assert.Contains(result.Findings, f => f.Id == FindingIds.Regression && f.Metric == MetricIds.JoulesPerProblem);
    }

    [Fact]
    public void One_stored_run_and_twelve_percent_is_inconclusive_and_says_why()
    {
        using var temp = new TempDir();
        var result = Gate(Store(temp, 10.0), 11.2);
        Assert.Equal(GateVerdict.Inconclusive, result.Verdict);
        var finding = Assert.Single(result.Findings, f => f.Id == FindingIds.Inconclusive && f.Metric == MetricIds.JoulesPerProblem);
        Assert.Contains("one stored run", finding.Message, StringComparison.Ordinal);
        Assert.Contains("machine drift", finding.Message, StringComparison.Ordinal);
    }
}

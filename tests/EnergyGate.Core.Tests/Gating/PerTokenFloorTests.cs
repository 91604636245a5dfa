using EnergyGate.Core.Baselines;
using EnergyGate.Core.Gating;
using EnergyGate.Core.Statistics;
using static EnergyGate.Core.Tests.Gating.GateFixtures;

namespace EnergyGate.Core.Tests.Gating;

/// <summary>
/// The global floor is read per problem: for decode J/token it is divided by the baseline's median
/// generated tokens, so a small model's +10 % per token (0.6 mJ, under a 1 mJ floor) still counts.
/// </summary>
public sealed class PerTokenFloorTests
{
    private static MetricComparison PerToken(GatePolicy policy)
    {
        // ~6.2 mJ/token (1.6 J x 0.97 over 250 tokens), +10 % on the candidate.
        var result = Gate.Evaluate(Baseline(Record(23, 1.6, 0.03)), Candidate(Record(24, 1.76, 0.03)), policy, Today);
        return result.Cells[0].Metrics.Single(m => m.Metric == MetricIds.DecodeJoulesPerToken);
    }

    [Fact]
    public void A_ten_percent_per_token_change_below_the_joule_floor_is_judged_per_token()
    {
        var comparison = PerToken(GatePolicy.Default);
        Assert.Equal(Outcome.Worse, comparison.Outcome);
        Assert.True(comparison.CandidateMedian - comparison.BaselineMedian < GatePolicy.Default.AbsoluteFloor);
    }

    [Fact]
    public void A_floor_set_for_the_metric_is_taken_as_given()
    {
        var policy = GatePolicy.Default with
        {
            MetricOverrides = new Dictionary<string, ThresholdOverride> { [MetricIds.DecodeJoulesPerToken] = new(AbsoluteFloor: 0.001) },
        };
        Assert.NotEqual(Outcome.Worse, PerToken(policy).Outcome);
        Assert.True(policy.OverridesFloor(Cell, MetricIds.DecodeJoulesPerToken));
        Assert.False(policy.OverridesFloor(Cell, MetricIds.JoulesPerProblem));
    }
}

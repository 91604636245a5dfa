using EnergyGate.Core.Statistics;

namespace EnergyGate.Core.Tests.Statistics;

public sealed class PairedComparerTests
{
    // Eight repetitions in four rounds whose machine state moved the numbers by up to +/-15% (the
    // 2-core VM's between-run drift); head = base x 1.02 in every pair. Pooled, the drift swamps the
    // change; paired, every log-ratio is log 1.02, so the estimate is exactly +2%: below warn.
    private static readonly double[] Drifting = [10.0, 10.2, 11.5, 11.6, 8.6, 8.7, 10.9, 11.1];

    [Fact]
    public void Round_drift_cancels_in_the_pairs()
    {
        var head = Drifting.Select(v => v * 1.02).ToArray();
        var c = PairedComparer.Compare("joules_per_problem", MetricDirection.LowerIsBetter, Drifting, head, ComparisonThresholds.Default);
        Assert.Equal(1.02, c.Ratio.Estimate, 9);
        // All 8 log-ratios positive and tied: W+ = 36 of 36, p = 1/256.
        Assert.Equal(1.0 / 256, c.PValueWorse, 12);
        Assert.Equal(Outcome.Indistinguishable, c.Outcome);
        Assert.Contains("below the warn threshold", c.Reason, StringComparison.Ordinal);
    }

    // +20% in every pair with 10 pairs: p = 1/1024 < 0.01, estimate 1.2 >= 1.10: a failing regression.
    [Fact]
    public void A_consistent_twenty_percent_rise_fails()
    {
        double[] b = [10.0, 10.2, 11.5, 11.6, 8.6, 8.7, 10.9, 11.1, 9.9, 10.4];
        var head = b.Select((v, i) => v * (1.2 + 0.001 * i)).ToArray();
        var c = PairedComparer.Compare("joules_per_problem", MetricDirection.LowerIsBetter, b, head, ComparisonThresholds.Default);
        Assert.Equal(Outcome.Worse, c.Outcome);
        Assert.Equal(Severity.Fail, c.Severity);
        Assert.Equal(1.0 / 1024, c.PValueWorse, 12);
        Assert.True(c.Ratio.Lower > 1.19 && c.Ratio.Upper < 1.21);
    }

    [Fact]
    public void Higher_is_better_reads_a_drop_as_worse()
    {
        var head = Drifting.Select(v => v / 1.3).ToArray();
        var c = PairedComparer.Compare("tokens_per_second", MetricDirection.HigherIsBetter, Drifting, head, ComparisonThresholds.Default);
        Assert.Equal(Outcome.Worse, c.Outcome);
    }

    [Fact]
    public void Unequal_repetitions_are_not_paired()
    {
        var c = PairedComparer.Compare("joules_per_problem", MetricDirection.LowerIsBetter, Drifting, [1, 2, 3], ComparisonThresholds.Default);
        Assert.Equal(Outcome.Inconclusive, c.Outcome);
        Assert.Contains("8 vs 3", c.Reason, StringComparison.Ordinal);
    }
}

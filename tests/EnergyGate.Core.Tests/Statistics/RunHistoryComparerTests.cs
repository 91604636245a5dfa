using EnergyGate.Core.Statistics;

namespace EnergyGate.Core.Tests.Statistics;

public sealed class RunHistoryComparerTests
{
    // Five stored runs of 5 repetitions (+/-2 % inside a run) whose medians spread +/-8 %:
    // 9.2, 9.6, 10.0, 10.4, 10.8 J, the between-run drift of the 2-core build VMs.
    private static readonly IReadOnlyList<double>[] FiveRuns =
        [.. new[] { 9.2, 9.6, 10.0, 10.4, 10.8 }.Select(m => (IReadOnlyList<double>)[m * 0.98, m * 0.99, m, m * 1.01, m * 1.02])];

    private static double[] RunAt(double median) => [median * 0.98, median * 0.99, median, median * 1.01, median * 1.02];

    // Hand computation (log scale): mean of ln medians = 2.300983 (centre 9.98397 J), sd s = 0.0633785,
    // prediction se = s sqrt(1 + 1/5) = 0.0694276. Candidate 11.0 J: d = ln 11 - 2.300983 = 0.0969145,
    // t = 1.39591, p = 1 - T4(t) = 0.117618 (T4(t) = 1/2 + 3/8 u (1 - t^2/(12 a)), a = 1 + t^2/4,
    // u = t/sqrt(a)). Not significant; the 95 % interval exp(d +/- 2.776445 se) = [0.9086, 1.3360]
    // still reaches +10 %, so "too noisy" rather than "no change".
    [Fact]
    public void Ten_percent_within_an_eight_percent_run_spread_is_not_a_regression()
    {
        var c = RunHistoryComparer.Compare("joules_per_problem", MetricDirection.LowerIsBetter, FiveRuns, RunAt(11.0), ComparisonThresholds.Default);
        Assert.Equal(0.117618, c.PValueWorse, 5);
        Assert.Equal(1.101766, c.Ratio.Estimate, 5);
        Assert.Equal(0.908603, c.Ratio.Lower, 4);
        Assert.Equal(1.335995, c.Ratio.Upper, 4);
        Assert.Equal(9.98397, c.BaselineMedian, 4);
        Assert.Equal(Outcome.Inconclusive, c.Outcome);
        Assert.Contains("5 stored runs", c.Reason, StringComparison.Ordinal);
    }

    // Candidate 14.0 J: d = 0.338077, t = 4.86948, p = 0.0041114 < 0.01; 95 % lower bound
    // exp(d - 2.776445 se) = 1.1564 > 1; estimate 1.40225 >= 1.10: a failing regression.
    [Fact]
    public void Forty_percent_beyond_the_run_spread_is_a_regression()
    {
        var c = RunHistoryComparer.Compare("joules_per_problem", MetricDirection.LowerIsBetter, FiveRuns, RunAt(14.0), ComparisonThresholds.Default);
        Assert.Equal(0.0041114, c.PValueWorse, 6);
        Assert.Equal(1.156403, c.Ratio.Lower, 4);
        Assert.Equal(Outcome.Worse, c.Outcome);
        Assert.Equal(Severity.Fail, c.Severity);
    }

    [Fact]
    public void A_run_inside_the_history_is_indistinguishable_when_the_runs_agree()
    {
        // Medians within +/-1 %: the prediction interval is narrow enough to rule out +10 %.
        IReadOnlyList<double>[] tight = [RunAt(9.9), RunAt(10.0), RunAt(10.1), RunAt(10.0), RunAt(9.95)];
        var c = RunHistoryComparer.Compare("joules_per_problem", MetricDirection.LowerIsBetter, tight, RunAt(10.05), ComparisonThresholds.Default);
        Assert.Equal(Outcome.Indistinguishable, c.Outcome);
    }

    // One stored run, 10 repetitions at 3 % CV, candidate +12 %: the per-repetition rule alone calls
    // it a failing regression; with one run that could be drift (up to 17 % between A/A runs), so it
    // is Inconclusive and says why, and reports no p-value.
    [Fact]
    public void One_stored_run_and_twelve_percent_is_inconclusive_with_the_reason()
    {
        var baseline = Synthetic.LogNormal(11, 10, 10.0, 0.03);
        var candidate = Synthetic.LogNormal(12, 10, 11.2, 0.03);
        var plain = MetricComparer.Compare("joules_per_problem", MetricDirection.LowerIsBetter, baseline, candidate, ComparisonThresholds.Default);
        Assert.Equal(Outcome.Worse, plain.Outcome);
        var c = RunHistoryComparer.Compare("joules_per_problem", MetricDirection.LowerIsBetter, [baseline], candidate, ComparisonThresholds.Default);
        Assert.Equal(Outcome.Inconclusive, c.Outcome);
        Assert.Contains("one stored run", c.Reason, StringComparison.Ordinal);
        Assert.Contains("17%", c.Reason, StringComparison.Ordinal);
        Assert.True(double.IsNaN(c.PValueWorse));
    }

    // +40 % clears the fail threshold plus the drift allowance (1.10 + 0.17 = 1.27).
    [Fact]
    public void One_stored_run_and_forty_percent_is_a_regression()
    {
        var baseline = Synthetic.LogNormal(11, 10, 10.0, 0.03);
        var candidate = Synthetic.LogNormal(12, 10, 14.0, 0.03);
        var c = RunHistoryComparer.Compare("joules_per_problem", MetricDirection.LowerIsBetter, [baseline], candidate, ComparisonThresholds.Default);
        Assert.Equal(Outcome.Worse, c.Outcome);
        Assert.Equal(Severity.Fail, c.Severity);
    }

    [Fact]
    public void One_stored_run_and_no_change_is_indistinguishable_with_the_caveat()
    {
        var baseline = Synthetic.LogNormal(11, 10, 10.0, 0.03);
        var candidate = Synthetic.LogNormal(12, 10, 10.0, 0.03);
        var c = RunHistoryComparer.Compare("joules_per_problem", MetricDirection.LowerIsBetter, [baseline], candidate, ComparisonThresholds.Default);
        Assert.Equal(Outcome.Indistinguishable, c.Outcome);
        Assert.Contains("one stored run", c.Reason, StringComparison.Ordinal);
    }
}

namespace EnergyGate.Core.Statistics;

/// <summary>
/// Decides one metric for base and head measured alternately on one runner (<c>run --round R/M</c>,
/// <c>compare --paired</c>): repetition i of the base is paired with repetition i of the head, which
/// ran in the same round, so drift between rounds cancels in each pair. Significance is the
/// Wilcoxon signed-rank test on the paired log-ratios, the estimate and interval the Walsh-average
/// Hodges-Lehmann of the same log-ratios; the decision rule is <see cref="MetricComparer"/>'s.
/// </summary>
public static class PairedComparer
{
    /// <summary>Compares paired per-repetition values; the two lists must be in repetition order.</summary>
    public static MetricComparison Compare(
        string metric, MetricDirection direction, IReadOnlyList<double> baseline, IReadOnlyList<double> candidate, ComparisonThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(thresholds);
        var baseMedian = Median.Of(baseline);
        var candMedian = Median.Of(candidate);
        if (baseline.Count != candidate.Count || baseline.Count < 2)
        {
            var why = baseline.Count != candidate.Count
                ? $"paired comparison needs the same repetitions on both sides ({baseline.Count} vs {candidate.Count})"
                : "fewer than 2 pairs";
            return new MetricComparison(metric, baseline.Count, candidate.Count, baseMedian, candMedian,
                new EffectInterval(candMedian / baseMedian, double.NaN, double.NaN), double.NaN, double.NaN, Outcome.Inconclusive, Severity.None, why);
        }
        // Log-ratios make a scale change one number; a zero (net energy clamped at 0) forces differences.
        var logScale = baseline.All(v => v > 0) && candidate.All(v => v > 0);
        var diffs = candidate.Select((c, i) => logScale ? Math.Log(c) - Math.Log(baseline[i]) : c - baseline[i]).ToArray();
        var ratio = ToRatio(WalshAverages.Estimate(diffs, thresholds.Confidence), logScale, baseMedian);
        var oneSided = ToRatio(WalshAverages.Estimate(diffs, 2 * thresholds.FailConfidence - 1), logScale, baseMedian);
        var test = WilcoxonSignedRank.Test(diffs);
        var lowerIsBetter = direction == MetricDirection.LowerIsBetter;
        var (pWorse, pBetter) = lowerIsBetter ? (test.PGreater, test.PLess) : (test.PLess, test.PGreater);
        var badness = lowerIsBetter ? ratio : new EffectInterval(1 / ratio.Estimate, 1 / ratio.Upper, 1 / ratio.Lower);
        var failBound = lowerIsBetter ? oneSided.Lower : 1 / oneSided.Upper;
        var (outcome, severity, reason) = MetricComparer.Decide(badness, failBound, pWorse, pBetter, Math.Abs(candMedian - baseMedian), baseMedian, thresholds);
        return new MetricComparison(metric, baseline.Count, candidate.Count, baseMedian, candMedian, ratio, pWorse, pBetter, outcome, severity,
            $"paired, {diffs.Length} pairs (signed-rank): {reason}");
    }

    private static EffectInterval ToRatio(EffectInterval shift, bool logScale, double baseMedian) => logScale
        ? new EffectInterval(Math.Exp(shift.Estimate), Math.Exp(shift.Lower), Math.Exp(shift.Upper))
        : baseMedian > 0
            ? new EffectInterval(1 + shift.Estimate / baseMedian, Math.Max(0, 1 + shift.Lower / baseMedian), 1 + shift.Upper / baseMedian)
            : new EffectInterval(double.NaN, double.NaN, double.NaN);
}

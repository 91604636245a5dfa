using System.Globalization;
using Perfolizer.Mathematics.Distributions.ContinuousDistributions;

namespace EnergyGate.Core.Statistics;

/// <summary>
/// Decides one metric against a baseline that keeps several runs, with the run as the unit of
/// evidence: repetitions of one run share its machine state (about 3 % apart on the 2-core VMs)
/// while runs minutes apart differed 7-17 %, so only the spread between stored runs says what a new
/// run may show without any change in the code (docs/gating.md, "The unit of evidence").
/// </summary>
public static class RunHistoryComparer
{
    /// <summary>
    /// Two or more stored runs: each run's median is one observation x_j (log scale when every median
    /// is positive); the candidate run's median y is compared with the one-sided Student-t prediction
    /// for one new run, t = (y - mean x) / (s sqrt(1 + 1/k)), k - 1 degrees of freedom. Chosen over a
    /// rank rule because with k = 5 runs no rank rule can go below p = 1/6; the price is assuming the
    /// log run medians are roughly normal. One stored run: <see cref="SingleRun"/>.
    /// </summary>
    /// <param name="metric">Metric id.</param>
    /// <param name="direction">Which way is better.</param>
    /// <param name="runs">Per stored run its per-repetition values (runs without values are ignored).</param>
    /// <param name="candidate">The new run's per-repetition values.</param>
    /// <param name="thresholds">Warn, fail, floor, alpha and the single-run drift allowance.</param>
    public static MetricComparison Compare(
        string metric, MetricDirection direction, IReadOnlyList<IReadOnlyList<double>> runs, IReadOnlyList<double> candidate, ComparisonThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(thresholds);
        var stored = runs.Where(r => r.Count > 0).ToList();
        ArgumentOutOfRangeException.ThrowIfZero(stored.Count, nameof(runs));
        if (stored.Count == 1)
        {
            return SingleRun(metric, direction, stored[0], candidate, thresholds);
        }
        var medians = stored.Select(r => Median.Of(r)).ToArray();
        var y = Median.Of(candidate);
        var logScale = medians.All(m => m > 0) && y > 0;
        var x = logScale ? medians.Select(m => Math.Log(m)).ToArray() : medians;
        var k = x.Length;
        var mean = x.Average();
        var s = Math.Sqrt(x.Sum(v => (v - mean) * (v - mean)) / (k - 1));
        var se = s * Math.Sqrt(1 + 1.0 / k);
        var d = (logScale ? Math.Log(y) : y) - mean;
        var center = logScale ? Math.Exp(mean) : mean;
        var student = new StudentDistribution(k - 1);
        double Quantile(double level) => se == 0 ? 0 : student.Quantile(level) * se;
        double Cdf(double t) => student.Cdf(t);
        (double Greater, double Less) p = se == 0
            ? (d > 0 ? 0 : 1, d < 0 ? 0 : 1)
            : (1 - Cdf(d / se), Cdf(d / se));
        var half = Quantile(1 - (1 - thresholds.Confidence) / 2);
        var ratio = ToRatio(d, d - half, d + half, logScale, center);
        var oneSided = Quantile(thresholds.FailConfidence);
        var oneSidedRatio = ToRatio(d, d - oneSided, d + oneSided, logScale, center);
        var lowerIsBetter = direction == MetricDirection.LowerIsBetter;
        var (pWorse, pBetter) = lowerIsBetter ? (p.Greater, p.Less) : (p.Less, p.Greater);
        var badness = lowerIsBetter ? ratio : new EffectInterval(1 / ratio.Estimate, 1 / ratio.Upper, 1 / ratio.Lower);
        var failBound = lowerIsBetter ? oneSidedRatio.Lower : 1 / oneSidedRatio.Upper;
        var (outcome, severity, reason) = MetricComparer.Decide(badness, failBound, pWorse, pBetter, Math.Abs(y - center), center, thresholds);
        var spread = logScale ? $"{(Math.Exp(s) - 1) * 100:0.0}%" : s.ToString("G3", CultureInfo.InvariantCulture);
        return new MetricComparison(metric, stored.Sum(r => r.Count), candidate.Count, center, y, ratio, pWorse, pBetter, outcome, severity,
            Invariant($"run medians of {k} stored runs (between-run spread {spread}): {reason}"));
    }

    /// <summary>
    /// One stored run: its repetitions say nothing about drift between runs, so no p-value can speak
    /// to the question. The per-repetition rule of <see cref="MetricComparer"/> is applied with the
    /// warn and fail thresholds raised by <see cref="ComparisonThresholds.RunDrift"/> (17 % measured
    /// between A/A runs on the build VMs); a change the plain rule would flag but the raised one does
    /// not is Inconclusive, with text saying why, rather than a regression.
    /// </summary>
    public static MetricComparison SingleRun(
        string metric, MetricDirection direction, IReadOnlyList<double> baseline, IReadOnlyList<double> candidate, ComparisonThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        var widened = thresholds with { Warn = thresholds.Warn + thresholds.RunDrift, Fail = thresholds.Fail + thresholds.RunDrift };
        var wide = MetricComparer.Compare(metric, direction, baseline, candidate, widened);
        var plain = MetricComparer.Compare(metric, direction, baseline, candidate, thresholds);
        var drift = Invariant($"{thresholds.RunDrift * 100:0.#}%");
        var caveat = Invariant($"one stored run: its repetitions show no drift between runs (allowance {drift}); record more runs with `baseline update` or compare base and head interleaved (`compare --paired`)");
        var (outcome, reason) = wide.Outcome switch
        {
            Outcome.Worse => (Outcome.Worse, $"beyond the threshold plus the {drift} drift allowance; {caveat}"),
            Outcome.Better => (Outcome.Better, $"an improvement beyond the {drift} drift allowance; {caveat}"),
            _ when plain.Outcome is Outcome.Worse or Outcome.Inconclusive || wide.Outcome == Outcome.Inconclusive =>
                (Outcome.Inconclusive, $"the change may be machine drift, not the code; {caveat}"),
            _ => (Outcome.Indistinguishable, $"{plain.Reason}; {caveat}"),
        };
        // The repetition p-values are a necessary check inside the rule, not evidence about runs: not reported.
        return wide with { Outcome = outcome, Severity = outcome == Outcome.Worse ? wide.Severity : Severity.None, PValueWorse = double.NaN, PValueBetter = double.NaN, Reason = reason };
    }

    private static EffectInterval ToRatio(double d, double lower, double upper, bool logScale, double center) => logScale
        ? new EffectInterval(Math.Exp(d), Math.Exp(lower), Math.Exp(upper))
        : center > 0
            ? new EffectInterval(1 + d / center, Math.Max(0, 1 + lower / center), 1 + upper / center)
            : new EffectInterval(double.NaN, double.NaN, double.NaN);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

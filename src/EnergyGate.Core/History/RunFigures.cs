using EnergyGate.Core.Statistics;

namespace EnergyGate.Core.History;

/// <summary>
/// A run's figure for one metric from its per-repetition values: the median (as the gate's run-history
/// rule takes it) and the distribution-free Walsh-average interval of the same values (the one
/// <c>compare --paired</c> reports), so a chart's whiskers need no distributional assumption.
/// </summary>
public static class RunFigures
{
    /// <summary>The interval level recorded whenever the repetitions allow it.</summary>
    public const double Confidence = 0.95;

    /// <summary>
    /// The figure of <paramref name="values"/>; null when empty. Below 6 repetitions no
    /// distribution-free 95 % interval exists (with 5 values the narrowest tail is 1/32 &gt; 2.5 %), so
    /// the widest one, [min, max], is recorded with the level it does have, 1 - 2^(1-n) (75 % for the
    /// default 3 repetitions), rather than no interval at all or one that claims more than it covers.
    /// </summary>
    public static RunFigure? Of(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return null;
        }
        var median = Median.Of(values);
        if (values.Count == 1)
        {
            return new RunFigure(median, 1);
        }
        // Exact in binary: 1 - 2^(1-n) and the tail it leaves are powers of two, so the rank rule hits k = 1 exactly.
        var level = Math.Min(Confidence, 1 - Math.Pow(2, 1 - values.Count));
        var interval = WalshAverages.Estimate(values, level);
        return new RunFigure(median, values.Count, interval.Lower, interval.Upper, level);
    }
}

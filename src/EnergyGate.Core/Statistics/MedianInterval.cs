namespace EnergyGate.Core.Statistics;

/// <summary>
/// A distribution-free confidence interval for one sample's median from its order statistics: the
/// number of values below the true median is Binomial(n, 1/2), so [x(k), x(n+1-k)] covers it with
/// probability 1 - 2 P(B &lt; k) whatever the distribution. Chosen for the exports (one side's own
/// interval, where the gate's intervals are ratios of two sides) because it needs no model and no
/// random seed, like the Hodges-Lehmann bounds the gate uses.
/// </summary>
public static class MedianInterval
{
    /// <summary>
    /// The median of <paramref name="values"/> with the tightest order-statistic interval whose
    /// coverage is at least <paramref name="confidence"/>; null when there are too few values for
    /// that level (at 95 %: fewer than 6, where even [min, max] covers only 93.75 %).
    /// </summary>
    public static EffectInterval? Of(IReadOnlyList<double> values, double confidence)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(confidence, 0.0);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(confidence, 1.0);
        var k = LowerRank(values.Count, (1 - confidence) / 2);
        if (k == 0)
        {
            return null;
        }
        var sorted = values.Order().ToArray();
        return new EffectInterval(Median.Of(sorted), sorted[k - 1], sorted[sorted.Length - k]);
    }

    /// <summary>The largest 1-based rank k with P(B &lt;= k - 1) &lt;= <paramref name="tail"/>, B ~ Binomial(n, 1/2); 0 when none.</summary>
    internal static int LowerRank(int n, double tail)
    {
        // The pmf in log space: 2^-n underflows a double beyond a thousand repetitions.
        var logPmf = -n * Math.Log(2);
        var cdf = 0.0;
        var k = 0;
        for (var j = 0; j < n / 2; j++)
        {
            cdf += Math.Exp(logPmf);
            if (cdf > tail)
            {
                break;
            }
            k = j + 1;
            logPmf += Math.Log(n - j) - Math.Log(j + 1);
        }
        return k;
    }
}

namespace EnergyGate.Core.Statistics;

/// <summary>
/// One-sample Hodges-Lehmann estimate of paired differences: the median of the Walsh averages
/// (d_i + d_j) / 2 over i &lt;= j, with the distribution-free interval [A(k), A(N+1-k)] of the sorted
/// averages, k from the signed-rank distribution (Hollander and Wolfe, ch. 3).
/// </summary>
public static class WalshAverages
{
    /// <summary>Estimate and two-sided interval at <paramref name="confidence"/>; infinite bounds when the pairs are too few for the level.</summary>
    public static EffectInterval Estimate(IReadOnlyList<double> differences, double confidence)
    {
        ArgumentNullException.ThrowIfNull(differences);
        ArgumentOutOfRangeException.ThrowIfZero(differences.Count, nameof(differences));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(confidence, 0.0);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(confidence, 1.0);
        var n = differences.Count;
        var averages = new double[n * (n + 1) / 2];
        var a = 0;
        for (var i = 0; i < n; i++)
        {
            for (var j = i; j < n; j++)
            {
                averages[a++] = (differences[i] + differences[j]) / 2;
            }
        }
        Array.Sort(averages);
        var k = WilcoxonSignedRank.LowerIndex(n, (1 - confidence) / 2);
        var median = Median.Of(averages);
        return k == 0
            ? new EffectInterval(median, double.NegativeInfinity, double.PositiveInfinity)
            : new EffectInterval(median, averages[k - 1], averages[averages.Length - k]);
    }
}

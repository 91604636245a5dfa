using Perfolizer.Mathematics.Distributions.ContinuousDistributions;

namespace EnergyGate.Core.Statistics;

/// <summary>One-sided p-values of a Wilcoxon signed-rank test.</summary>
/// <param name="PositiveRankSum">W+, the sum of the (mid-)ranks of |d| over the positive differences.</param>
/// <param name="NonZero">Differences that took part (zeros are dropped, Wilcoxon's method).</param>
/// <param name="PGreater">P(W+ &gt;= observed): evidence that the differences are positive.</param>
/// <param name="PLess">P(W+ &lt;= observed): evidence that the differences are negative.</param>
/// <param name="Exact">True when the p-values come from the exact null distribution.</param>
public sealed record SignedRankResult(double PositiveRankSum, int NonZero, double PGreater, double PLess, bool Exact);

/// <summary>
/// Wilcoxon signed-rank test for paired differences, written here because neither Perfolizer 0.6.1,
/// Pragmastat 3.2.4 nor MathNet.Numerics 5.0.0 has one. Zeros are dropped; tied |d| get mid-ranks.
/// Up to <see cref="ExactLimit"/> non-zero differences the null distribution is counted exactly over
/// all 2^n sign patterns of the observed (doubled, so integral) ranks, which is exact with ties too;
/// beyond it the normal approximation with the tie-corrected variance and a continuity correction.
/// </summary>
public static class WilcoxonSignedRank
{
    /// <summary>Largest number of non-zero differences for which the exact distribution is used.</summary>
    public const int ExactLimit = 20;

    /// <summary>Tests whether <paramref name="differences"/> are centred above or below zero.</summary>
    public static SignedRankResult Test(IReadOnlyList<double> differences)
    {
        ArgumentNullException.ThrowIfNull(differences);
        var nonZero = differences.Where(d => d != 0).ToArray();
        var n = nonZero.Length;
        if (n == 0)
        {
            return new SignedRankResult(0, 0, 1, 1, true);
        }
        var doubledRanks = DoubledMidRanks(nonZero.Select(Math.Abs).ToArray());
        var observed = 0;
        for (var i = 0; i < n; i++)
        {
            observed += nonZero[i] > 0 ? doubledRanks[i] : 0;
        }
        if (n <= ExactLimit)
        {
            var counts = SumCounts(doubledRanks);
            var total = Math.Pow(2, n);
            var atLeast = counts.Skip(observed).Sum() / total;
            var atMost = counts.Take(observed + 1).Sum() / total;
            return new SignedRankResult(observed / 2.0, n, Math.Min(1, atLeast), Math.Min(1, atMost), true);
        }
        var w = observed / 2.0;
        var mean = n * (n + 1) / 4.0;
        var tieCorrection = doubledRanks.GroupBy(r => r).Sum(g => Math.Pow(g.Count(), 3) - g.Count()) / 48.0;
        var sd = Math.Sqrt(n * (n + 1.0) * (2 * n + 1) / 24.0 - tieCorrection);
        var normal = NormalDistribution.Standard;
        var pGreater = 1 - normal.Cdf((w - mean - 0.5) / sd);
        var pLess = normal.Cdf((w - mean + 0.5) / sd);
        return new SignedRankResult(w, n, Math.Clamp(pGreater, 0, 1), Math.Clamp(pLess, 0, 1), false);
    }

    /// <summary>
    /// The 1-based index k of the lower bound of the Walsh-average interval for <paramref name="n"/>
    /// pairs: the largest k with P(W+ &lt; k) &lt;= <paramref name="tail"/> under the untied null; 0 when no
    /// interval at this level exists. Exact counting up to 60 pairs (cheap: sums stay below 1 831), normal beyond.
    /// </summary>
    public static int LowerIndex(int n, double tail)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        var walsh = n * (n + 1) / 2;
        if (n <= 60)
        {
            var counts = SumCounts([.. Enumerable.Range(1, n)]);
            var total = Math.Pow(2, n);
            var (k, below) = (0, 0.0);
            while (k < walsh / 2 && below + counts[k] / total <= tail)
            {
                below += counts[k] / total;
                k++;
            }
            return k;
        }
        var sd = Math.Sqrt(n * (n + 1.0) * (2 * n + 1) / 24.0);
        var z = NormalDistribution.Standard.Quantile(tail);
        return Math.Max(0, (int)Math.Floor(n * (n + 1) / 4.0 + z * sd + 0.5));
    }

    // counts[s] = number of sign patterns whose positive ranks sum to s.
    private static double[] SumCounts(IReadOnlyList<int> ranks)
    {
        var counts = new double[ranks.Sum() + 1];
        counts[0] = 1;
        var reach = 0;
        foreach (var r in ranks)
        {
            for (var s = reach; s >= 0; s--)
            {
                counts[s + r] += counts[s];
            }
            reach += r;
        }
        return counts;
    }

    // Twice the mid-rank of each |d|, so tied ranks such as 2.5 stay integers for the exact count.
    private static int[] DoubledMidRanks(double[] magnitudes)
    {
        var order = Enumerable.Range(0, magnitudes.Length).OrderBy(i => magnitudes[i]).ToArray();
        var ranks = new int[magnitudes.Length];
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end + 1 < order.Length && magnitudes[order[end + 1]] == magnitudes[order[start]])
            {
                end++;
            }
            for (var j = start; j <= end; j++)
            {
                ranks[order[j]] = start + end + 2;
            }
            start = end + 1;
        }
        return ranks;
    }
}

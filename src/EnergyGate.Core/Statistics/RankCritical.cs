using System.Collections.Concurrent;
using Perfolizer.Mathematics.SignificanceTesting.MannWhitney;

namespace EnergyGate.Core.Statistics;

/// <summary>
/// Critical values of the Mann-Whitney U distribution, which turn the sorted pairwise differences
/// into a distribution-free confidence interval (Moses 1965; Bauer 1972): the interval is
/// [D(k), D(nm+1-k)] with k the largest count such that P(U &lt; k) &lt;= (1 - level) / 2.
/// </summary>
internal static class RankCritical
{
    // Perfolizer's exact CDFs overflow a binomial coefficient above about 60 values in all (checked
    // against a direct recurrence: 30+30 exact, 40+40 throws); Edgeworth is within 1e-8 there.
    private const int ExactLimit = 60;

    private static readonly ConcurrentDictionary<(int N, int M, double Tail), int> Cache = new();

    /// <summary>The 1-based index k of the lower bound; 0 when no interval at this level exists (too few values).</summary>
    public static int LowerIndex(int n, int m, double tail) => Cache.GetOrAdd((n, m, tail), key => Compute(key.N, key.M, key.Tail));

    private static int Compute(int n, int m, double tail)
    {
        IMannWhitneyCdf cdf = n + m <= ExactLimit ? MannWhitneyLoefflerExactCdf.Instance : MannWhitneyEdgeworthApproxCdf.Instance;
        // Perfolizer's Cdf(n, m, u) is P(U < u) (Cdf(3, 3, 1) = 1/20 = P(U = 0)).
        var k = 0;
        while (k < n * m / 2 && cdf.Cdf(n, m, k + 1) <= tail)
        {
            k++;
        }
        return k;
    }
}

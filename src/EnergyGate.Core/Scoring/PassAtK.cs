namespace EnergyGate.Core.Scoring;

/// <summary>The unbiased pass@k estimator of Chen et al. (2021), as in openai/human-eval.</summary>
public static class PassAtK
{
    /// <summary>
    /// 1 - C(n-c, k) / C(n, k) for one problem with <paramref name="n"/> samples of which
    /// <paramref name="c"/> passed, computed as the product 1 - prod_{i=n-c+1..n} (1 - k/i), which
    /// never forms the huge binomials.
    /// </summary>
    public static double Estimate(int n, int c, int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(n, k, nameof(n));
        ArgumentOutOfRangeException.ThrowIfNegative(c);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(c, n);
        if (n - c < k)
        {
            return 1.0;
        }
        var allFail = 1.0;
        for (var i = n - c + 1; i <= n; i++)
        {
            allFail *= 1.0 - (double)k / i;
        }
        return 1.0 - allFail;
    }

    /// <summary>
    /// Mean pass@k over problems given (samples, passed) per problem. A k larger than some problem's
    /// sample count is not reported (as human-eval does: only k &lt;= n for every problem).
    /// </summary>
    public static IReadOnlyDictionary<int, double> Average(IReadOnlyCollection<(int Samples, int Passed)> problems, IEnumerable<int> ks)
    {
        var result = new SortedDictionary<int, double>();
        if (problems.Count == 0)
        {
            return result;
        }
        var smallest = problems.Min(p => p.Samples);
        foreach (var k in ks.Distinct().Where(k => k >= 1 && k <= smallest))
        {
            result[k] = problems.Average(p => Estimate(p.Samples, p.Passed, k));
        }
        return result;
    }
}

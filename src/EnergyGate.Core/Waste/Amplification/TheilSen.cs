using Perfolizer.Mathematics.Distributions.ContinuousDistributions;

namespace EnergyGate.Core.Waste.Amplification;

/// <summary>A Theil-Sen line with Sen's distribution-free interval for its slope.</summary>
/// <param name="Slope">Median of the pairwise slopes (pairs with equal x are skipped).</param>
/// <param name="Intercept">Median of y - slope * x.</param>
/// <param name="Lower">Lower bound of the slope; -infinity when too few pairs for the level.</param>
/// <param name="Upper">Upper bound of the slope; +infinity when too few pairs for the level.</param>
/// <param name="Pairs">Number of pairwise slopes (pairs with distinct x).</param>
public sealed record TheilSenFit(double Slope, double Intercept, double Lower, double Upper, int Pairs)
{
    /// <summary>The line at <paramref name="x"/>.</summary>
    public double At(double x) => Intercept + Slope * x;
}

/// <summary>
/// Theil-Sen regression: robust to a few wild samples (a thermal spike, a cold first run) that would
/// drag a least-squares line. The interval is Sen's (1968) distribution-free one: the ranks of the
/// bounds in the sorted pairwise slopes come from the null distribution of Kendall's S (normal
/// approximation, corrected for ties in x because a sweep repeats each prompt length many times).
/// Chosen over a bootstrap for the same reasons as <see cref="Statistics.HodgesLehmann"/>: no seed,
/// and it inverts the Kendall test, so "interval excludes 0" and "significant trend" agree.
/// </summary>
public static class TheilSen
{
    /// <summary>Fits y on x; null when fewer than two distinct x values.</summary>
    /// <param name="points">The samples; all values must be finite.</param>
    /// <param name="confidence">Two-sided level of the slope interval, in (0, 1).</param>
    public static TheilSenFit? Fit(IReadOnlyList<(double X, double Y)> points, double confidence = 0.95)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(confidence, 0.0);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(confidence, 1.0);
        var slopes = new List<double>();
        for (var i = 0; i < points.Count; i++)
        {
            for (var j = i + 1; j < points.Count; j++)
            {
                var dx = points[j].X - points[i].X;
                if (dx != 0)
                {
                    slopes.Add((points[j].Y - points[i].Y) / dx);
                }
            }
        }
        if (slopes.Count == 0)
        {
            return null;
        }
        slopes.Sort();
        var slope = SortedMedian(slopes);
        var residuals = points.Select(p => p.Y - slope * p.X).Order().ToList();
        var (lower, upper) = Bounds(slopes, points, confidence);
        return new TheilSenFit(slope, SortedMedian(residuals), lower, upper, slopes.Count);
    }

    private static (double Lower, double Upper) Bounds(List<double> sortedSlopes, IReadOnlyList<(double X, double Y)> points, double confidence)
    {
        double n = points.Count;
        // Var(S) under no trend, with the usual correction for groups of tied x (y is continuous).
        var tieTerm = points.GroupBy(p => p.X).Sum(g => (double)g.Count() * (g.Count() - 1) * (2 * g.Count() + 5));
        var variance = (n * (n - 1) * (2 * n + 5) - tieTerm) / 18;
        var z = NormalDistribution.Standard.Quantile(1 - (1 - confidence) / 2);
        var c = z * Math.Sqrt(variance);
        var count = sortedSlopes.Count;
        // 1-based ranks (Gilbert 1987, eq. 16.6): M1 = (N - C) / 2, M2 + 1 = (N + C) / 2 + 1; rounded outwards.
        var lowerRank = (int)Math.Floor((count - c) / 2);
        var upperRank = (int)Math.Ceiling((count + c) / 2) + 1;
        return lowerRank < 1 || upperRank > count
            ? (double.NegativeInfinity, double.PositiveInfinity)
            : (sortedSlopes[lowerRank - 1], sortedSlopes[upperRank - 1]);
    }

    private static double SortedMedian(List<double> sorted)
    {
        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}

using Perfolizer.Mathematics.Common;
using Perfolizer.Mathematics.Distributions.DiscreteDistributions;
using Perfolizer.Mathematics.SignificanceTesting.Base;
using Perfolizer.Mathematics.SignificanceTesting.MannWhitney;
using Perfolizer.Metrology;
using Pragmastat;

namespace EnergyGate.Core.Statistics;

/// <summary>The two tests the gate uses, both from Perfolizer.</summary>
public static class SignificanceTests
{
    /// <summary>
    /// One-sided Mann-Whitney U p-value for "<paramref name="x"/> is stochastically greater than
    /// <paramref name="y"/>" (exact distribution for small samples, Edgeworth beyond; ties get mid-ranks).
    /// </summary>
    public static double MannWhitneyGreater(IReadOnlyList<double> x, IReadOnlyList<double> y) =>
        MannWhitneyTest.Instance.Perform(new Sample(x), new Sample(y), AlternativeHypothesis.Greater, Threshold.Zero).PValue.Value;

    /// <summary>
    /// Exact one-sided McNemar p-value that the candidate is worse: among the discordant tasks,
    /// P(X &gt;= lost) for X ~ Binomial(lost + gained, 1/2). 1 when no task is discordant.
    /// </summary>
    /// <param name="lost">Tasks solved by the baseline but not the candidate.</param>
    /// <param name="gained">Tasks solved by the candidate but not the baseline.</param>
    public static double McNemarWorse(int lost, int gained)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(lost);
        ArgumentOutOfRangeException.ThrowIfNegative(gained);
        if (lost == 0)
        {
            return 1.0;
        }
        var binomial = new BinomialDistribution(lost + gained, new Probability(0.5));
        // Perfolizer's binomial CDF is accurate to about 1e-9 (Cdf(0) of n = 3 is 0.1249999980); clamp the rounding.
        return Math.Clamp(1.0 - binomial.Cdf(lost - 1), 0.0, 1.0);
    }
}

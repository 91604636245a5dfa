namespace EnergyGate.Core.Waste.Babbling;

/// <summary>One sample generated twice: with suppression off and with a strategy.</summary>
/// <param name="OffJoules">Energy of the sample without suppression.</param>
/// <param name="OnJoules">Energy with the strategy (its checks included when they ran inside the measured phase).</param>
/// <param name="OffTokens">Tokens generated without suppression.</param>
/// <param name="OnTokens">Tokens generated with the strategy.</param>
/// <param name="CheckTime">Time the strategy's checks took.</param>
/// <param name="OnDuration">Generation time with the strategy, checks included.</param>
public readonly record struct PairedSample(double OffJoules, double OnJoules, int OffTokens, int OnTokens, TimeSpan CheckTime, TimeSpan OnDuration);

/// <summary>What a strategy saved over a cell.</summary>
/// <param name="Samples">Pairs compared.</param>
/// <param name="EnergySaved">1 - total on / total off joules (0.44 = 44% saved; negative when it cost more).</param>
/// <param name="Lower">Lower end of the 95% interval of <paramref name="EnergySaved"/>.</param>
/// <param name="Upper">Upper end of it.</param>
/// <param name="TokensSaved">Total tokens off minus on.</param>
/// <param name="TokensSavedShare">Tokens saved over tokens off.</param>
/// <param name="OverheadShare">Check time over generation time with the strategy: the share of its energy charged to the checks.</param>
public sealed record SavingsEstimate(int Samples, double EnergySaved, double Lower, double Upper, long TokensSaved, double TokensSavedShare,
    double OverheadShare);

/// <summary>
/// Savings arithmetic. The interval is a seeded percentile bootstrap over pairs of the ratio of
/// totals: the pairing matters (a sample's two runs share its length), which the two-sample
/// Hodges-Lehmann bounds in Statistics ignore, and a fixed seed keeps reports reproducible.
/// </summary>
public static class SuppressionSavings
{
    /// <summary>Bootstrap resamples drawn.</summary>
    public const int Resamples = 4000;

    /// <summary>Estimates the savings of <paramref name="pairs"/>; <paramref name="seed"/> fixes the bootstrap.</summary>
    /// <exception cref="ArgumentException">No pairs, or a negative or non-finite energy.</exception>
    public static SavingsEstimate Estimate(IReadOnlyList<PairedSample> pairs, int seed = 1)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        if (pairs.Count == 0)
            throw new ArgumentException("no paired samples to compare", nameof(pairs));
        if (pairs.Any(p => !double.IsFinite(p.OffJoules) || !double.IsFinite(p.OnJoules) || p.OffJoules < 0 || p.OnJoules < 0))
            throw new ArgumentException("energies must be finite and not negative", nameof(pairs));
        var saved = Saved(pairs.Sum(p => p.OffJoules), pairs.Sum(p => p.OnJoules));
        var random = new Random(seed);
        var draws = new double[Resamples];
        for (var r = 0; r < Resamples; r++)
        {
            double off = 0, on = 0;
            for (var i = 0; i < pairs.Count; i++)
            {
                var p = pairs[random.Next(pairs.Count)];
                off += p.OffJoules;
                on += p.OnJoules;
            }
            draws[r] = Saved(off, on);
        }
        Array.Sort(draws);
        var offTokens = pairs.Sum(p => (long)p.OffTokens);
        var tokensSaved = offTokens - pairs.Sum(p => (long)p.OnTokens);
        var onTicks = pairs.Sum(p => p.OnDuration.Ticks);
        return new SavingsEstimate(pairs.Count, saved, Percentile(draws, 0.025), Percentile(draws, 0.975), tokensSaved,
            offTokens == 0 ? 0 : (double)tokensSaved / offTokens,
            onTicks == 0 ? 0 : (double)pairs.Sum(p => p.CheckTime.Ticks) / onTicks);
    }

    private static double Saved(double off, double on) => off == 0 ? 0 : 1 - on / off;

    private static double Percentile(double[] sorted, double p)
    {
        var position = p * (sorted.Length - 1);
        var low = (int)Math.Floor(position);
        var high = Math.Min(low + 1, sorted.Length - 1);
        return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
    }
}

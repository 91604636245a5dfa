using EnergyGate.Core.Measurement;
using EnergyGate.Core.Statistics;

namespace EnergyGate.Core.Waste.Amplification;

/// <summary>
/// Estimates prefill amplification: how much a longer prompt raises the per-token cost of decoding
/// (every decode step attends over the prompt's KV cache). docs/measurement.md reports +1.3% to
/// +51.8% across models, so it is reported per cell rather than assumed.
/// </summary>
public static class PrefillAmplification
{
    /// <summary>Fewest samples a bucket needs before its median and the interval mean anything.</summary>
    public const int MinSamplesPerBucket = 3;

    private const double Confidence = 0.95;

    /// <summary>Analyses (prompt tokens, decode J/token) pairs, e.g. from a <c>--prompt-lengths</c> sweep.</summary>
    /// <param name="samples">One pair per sample; pairs with a non-positive length or a negative or non-finite J/token are dropped.</param>
    /// <param name="buckets">Prompt-length buckets wanted (at least 2); fewer are used when a bucket would hold under <see cref="MinSamplesPerBucket"/> samples.</param>
    /// <returns>The fit, buckets and amplification; or a result whose <see cref="AmplificationResult.NotEnoughSpread"/> says why not.</returns>
    public static AmplificationResult Analyze(IReadOnlyList<(int PromptTokens, double DecodeJoulesPerToken)> samples, int buckets = 3)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentOutOfRangeException.ThrowIfLessThan(buckets, 2);
        var usable = samples.Where(s => s.PromptTokens > 0 && double.IsFinite(s.DecodeJoulesPerToken) && s.DecodeJoulesPerToken >= 0)
            .OrderBy(s => s.PromptTokens).ToList();
        var dropped = samples.Count - usable.Count;
        var fit = TheilSen.Fit([.. usable.Select(s => ((double)s.PromptTokens, s.DecodeJoulesPerToken))], Confidence);
        if (fit is null)
        {
            return new(usable.Count, dropped, null, [], null, "fewer than 2 distinct prompt lengths");
        }
        // Fewer, fuller buckets beat giving up: 2 buckets of 3 still bound the effect.
        for (var b = buckets; b >= 2; b--)
        {
            var groups = PromptBuckets.Split(usable, b);
            if (groups.Count >= 2 && groups.All(g => g.Count >= MinSamplesPerBucket))
            {
                var made = groups.Select(ToBucket).ToList();
                var (ratio, why) = Ratio(made[0], made[^1]);
                return new(usable.Count, dropped, fit, ratio is null ? [] : made, ratio, why);
            }
        }
        return new(usable.Count, dropped, fit, [], null, $"fewer than {MinSamplesPerBucket} samples in a prompt-length bucket");
    }

    /// <summary>Analyses journal samples; decode J/token is decode joules over generated tokens, as the <c>decode_joules_per_token</c> metric defines it.</summary>
    /// <param name="samples">Samples of one cell (mixing cells mixes models).</param>
    /// <param name="buckets">As in <see cref="Analyze(IReadOnlyList{ValueTuple{int, double}}, int)"/>.</param>
    public static AmplificationResult FromJournal(IEnumerable<SampleRecord> samples, int buckets = 3)
    {
        ArgumentNullException.ThrowIfNull(samples);
        // A sample that generated nothing has no per-token cost; NaN makes Analyze count it as dropped.
        return Analyze([.. samples.Select(s => (s.PromptTokens, s.GeneratedTokens > 0 ? s.DecodeJoules / s.GeneratedTokens : double.NaN))], buckets);
    }

    private static PromptBucket ToBucket(List<(int Tokens, double Joules)> group) =>
        new(group[0].Tokens, group[^1].Tokens, Median.Of([.. group.Select(g => (double)g.Tokens)]),
            Median.Of([.. group.Select(g => g.Joules)]), [.. group.Select(g => g.Joules)]);

    private static (EffectInterval? Ratio, string? Why) Ratio(PromptBucket shortest, PromptBucket longest)
    {
        if (shortest.JoulesPerToken.All(v => v > 0) && longest.JoulesPerToken.All(v => v > 0))
        {
            return (HodgesLehmann.Ratio(shortest.JoulesPerToken, longest.JoulesPerToken, Confidence), null);
        }
        // Net energy is clamped at zero, so a short decode can read 0 J: use the shift relative to the
        // shortest bucket's median, as MetricComparer does.
        if (shortest.MedianJoulesPerToken <= 0)
        {
            return (null, "decode J/token of the shortest prompts is not positive");
        }
        var shift = HodgesLehmann.Shift(shortest.JoulesPerToken, longest.JoulesPerToken, Confidence);
        var m = shortest.MedianJoulesPerToken;
        return (new EffectInterval(1 + shift.Estimate / m, Math.Max(0, 1 + shift.Lower / m), 1 + shift.Upper / m), null);
    }
}

namespace EnergyGate.Core.Waste.Babbling;

/// <summary>How much of one completion was babble: tokens and decode energy after the useful end.</summary>
/// <param name="UsefulEnd">Index of the token that ended the useful answer; null when it never completed.</param>
/// <param name="GeneratedTokens">Tokens generated in all.</param>
/// <param name="BabbleTokens">Tokens after <see cref="UsefulEnd"/> (0 when it is null: nothing is known to be waste).</param>
/// <param name="BabbleJoules">Decode joules of those tokens.</param>
/// <param name="HitMaxNewTokens">Generation ran into max_new_tokens (the typical end of a babbling model).</param>
public sealed record SampleBabble(int? UsefulEnd, int GeneratedTokens, int BabbleTokens, double BabbleJoules, bool HitMaxNewTokens)
{
    /// <summary>Babble tokens over generated tokens, 0 for an empty completion.</summary>
    public double BabbleShare => GeneratedTokens == 0 ? 0 : (double)BabbleTokens / GeneratedTokens;

    /// <summary>
    /// Measures one sample. <paramref name="tokenJoules"/>[i] is the decode energy of token i + 1 (the
    /// first token comes from prefill), as in <c>SampleRecord.TokenJoules</c>; empty when not attributed.
    /// </summary>
    public static SampleBabble Measure(int generatedTokens, int? usefulEnd, IReadOnlyList<double> tokenJoules, bool hitMaxNewTokens)
    {
        ArgumentNullException.ThrowIfNull(tokenJoules);
        ArgumentOutOfRangeException.ThrowIfNegative(generatedTokens);
        if (usefulEnd is { } end && (end < 0 || end >= generatedTokens))
            throw new ArgumentOutOfRangeException(nameof(usefulEnd), end, $"outside the {generatedTokens} generated tokens");
        if (usefulEnd is not { } last)
            return new SampleBabble(null, generatedTokens, 0, 0, hitMaxNewTokens);
        var joules = 0.0;
        // Tokens last+1 .. n-1 are babble; token k's decode energy is tokenJoules[k - 1].
        for (var k = last + 1; k < generatedTokens && k - 1 < tokenJoules.Count; k++)
            joules += tokenJoules[k - 1];
        return new SampleBabble(last, generatedTokens, generatedTokens - 1 - last, joules, hitMaxNewTokens);
    }
}

/// <summary>Babbling over one cell (model x suite x settings).</summary>
/// <param name="Samples">Samples measured.</param>
/// <param name="BabbleShare">Babble tokens over all generated tokens.</param>
/// <param name="BabbleJoules">Decode joules spent on babble, all samples together.</param>
/// <param name="MaxNewTokensShare">Share of samples that ran into max_new_tokens.</param>
/// <param name="NeverCompleteShare">Share of samples whose useful end was never found.</param>
public sealed record CellBabble(int Samples, double BabbleShare, double BabbleJoules, double MaxNewTokensShare, double NeverCompleteShare)
{
    /// <summary>Aggregates the samples of one cell.</summary>
    public static CellBabble Aggregate(IReadOnlyList<SampleBabble> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (samples.Count == 0)
            return new CellBabble(0, 0, 0, 0, 0);
        var tokens = samples.Sum(s => (long)s.GeneratedTokens);
        var babble = samples.Sum(s => (long)s.BabbleTokens);
        return new CellBabble(
            samples.Count,
            tokens == 0 ? 0 : (double)babble / tokens,
            samples.Sum(s => s.BabbleJoules),
            (double)samples.Count(s => s.HitMaxNewTokens) / samples.Count,
            (double)samples.Count(s => s.UsefulEnd is null) / samples.Count);
    }
}

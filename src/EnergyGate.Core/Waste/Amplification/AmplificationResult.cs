using EnergyGate.Core.Statistics;

namespace EnergyGate.Core.Waste.Amplification;

/// <summary>Samples whose prompt lengths fall in one range.</summary>
/// <param name="MinPromptTokens">Shortest prompt in the bucket.</param>
/// <param name="MaxPromptTokens">Longest prompt in the bucket.</param>
/// <param name="MedianPromptTokens">Median prompt length, the bucket's label ("~512").</param>
/// <param name="MedianJoulesPerToken">Median decode J/token.</param>
/// <param name="JoulesPerToken">The bucket's decode J/token values, in input order.</param>
public sealed record PromptBucket(
    int MinPromptTokens, int MaxPromptTokens, double MedianPromptTokens, double MedianJoulesPerToken, IReadOnlyList<double> JoulesPerToken)
{
    /// <summary>Samples in the bucket.</summary>
    public int Count => JoulesPerToken.Count;
}

/// <summary>
/// How decode J/token moves with prompt length ("prefill amplification", docs/measurement.md).
/// </summary>
/// <param name="Samples">Samples analysed (after dropping unusable ones).</param>
/// <param name="Dropped">Samples dropped: prompt length not positive or J/token not finite or negative.</param>
/// <param name="Slope">Theil-Sen fit of decode J/token on prompt tokens; null with fewer than two distinct lengths.</param>
/// <param name="Buckets">Prompt-length buckets, shortest first; empty when there is not enough spread.</param>
/// <param name="Amplification">Longest bucket's over the shortest bucket's decode J/token (1.2 = +20%) with its 95% interval; null when not enough spread.</param>
/// <param name="NotEnoughSpread">Why no amplification could be estimated; null when it was.</param>
public sealed record AmplificationResult(
    int Samples,
    int Dropped,
    TheilSenFit? Slope,
    IReadOnlyList<PromptBucket> Buckets,
    EffectInterval? Amplification,
    string? NotEnoughSpread)
{
    /// <summary>Whether <see cref="Amplification"/> was estimated.</summary>
    public bool HasSpread => NotEnoughSpread is null;
}

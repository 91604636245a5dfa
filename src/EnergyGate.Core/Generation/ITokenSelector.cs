namespace EnergyGate.Core.Generation;

/// <summary>
/// Picks the next token from the model's logits. Pluggable so forced decoding can run the model's
/// forward pass for every token while taking the token itself from a script.
/// </summary>
/// <remarks>Called once per generated token, in order, on one thread; implementations may keep state.</remarks>
public interface ITokenSelector
{
    /// <summary>The id of generated token number <paramref name="position"/> (0 = the one after the prompt).</summary>
    /// <param name="logits">Scores for every id; valid only during this call.</param>
    /// <param name="position">Index of the token being chosen among the generated tokens.</param>
    int SelectToken(ReadOnlySpan<float> logits, int position);
}

/// <summary>Builds the selector that <see cref="GenerationSettings"/> describe.</summary>
public static class TokenSelectors
{
    /// <summary>
    /// Greedy for temperature 0, otherwise a sampler seeded with <see cref="GenerationSettings.Seed"/>.
    /// Create one per completion: a sampler's random state advances with every token.
    /// </summary>
    public static ITokenSelector FromSettings(GenerationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.IsSampling ? new SamplingTokenSelector(settings) : GreedyTokenSelector.Instance;
    }
}

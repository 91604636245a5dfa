namespace EnergyGate.Core.Generation;

/// <summary>Optional extensions of one <see cref="Generator.Generate(IDecoderSession, ITextTokenizer, IReadOnlyList{int}, GenerationSettings, GenerationHooks?)"/> call.</summary>
public sealed record GenerationHooks
{
    /// <summary>No hooks: the settings' selector, no extra criteria, no observer.</summary>
    public static GenerationHooks None { get; } = new();

    /// <summary>Replaces the selector built from the settings (e.g. forced decoding from a script).</summary>
    public ITokenSelector? Selector { get; init; }

    /// <summary>Text criteria checked after the stop strings, in order; the first that stops wins.</summary>
    public IReadOnlyList<ITextStoppingCriterion> Criteria { get; init; } = [];

    /// <summary>
    /// Called once per generated token, inside the timed decode phase: keep it cheap (a counter, a
    /// progress bar), never I/O that would be charged to inference energy.
    /// </summary>
    public Action<GeneratedToken>? OnToken { get; init; }
}

/// <summary>One generated token as the observer sees it.</summary>
/// <param name="Index">Position among the generated tokens (0 = from the prefill logits).</param>
/// <param name="TokenId">The chosen id.</param>
/// <param name="Timestamp">When it was chosen, the same value as <see cref="PhaseTimeline.TokenTimes"/>[Index].</param>
/// <param name="Text">Text this token released; empty while a multi-byte character is incomplete or for end-of-sequence.</param>
public readonly record struct GeneratedToken(int Index, int TokenId, long Timestamp, string Text);

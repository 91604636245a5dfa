namespace EnergyGate.Core.Generation;

/// <summary>
/// Looks at the generated text as it grows and decides whether generation is done, e.g. "the
/// function parses and passes the tests" to stop a model that babbles.
/// </summary>
/// <remarks>
/// Called after every token that released text, after the stop strings were checked, inside the
/// timed decode phase: its cost is charged to decoding, as it would be in production. Create one
/// per completion if it keeps state.
/// </remarks>
public interface ITextStoppingCriterion
{
    /// <summary>A stop, or null to go on.</summary>
    TextStop? Check(GeneratedText text);
}

/// <summary>The answer of an <see cref="ITextStoppingCriterion"/> that ends generation.</summary>
/// <param name="TextEnd">Where the useful text ends: the completion is <c>Text[..TextEnd]</c> (0 to the text's length).</param>
/// <param name="Detail">Which check fired and why, for the result and reports (e.g. "syntax-complete + tests pass").</param>
public readonly record struct TextStop(int TextEnd, string Detail);

/// <summary>The generated text so far (never the prompt), as a criterion sees it.</summary>
/// <param name="text">All generated text released so far.</param>
/// <param name="newTextStart">Index in <paramref name="text"/> where the text released by the latest token begins.</param>
/// <param name="tokenCount">Tokens generated so far, the latest included.</param>
public readonly ref struct GeneratedText(ReadOnlySpan<char> text, int newTextStart, int tokenCount)
{
    /// <summary>All generated text released so far.</summary>
    public ReadOnlySpan<char> Text { get; } = text;

    /// <summary>Index in <see cref="Text"/> where the text released by the latest token begins.</summary>
    public int NewTextStart { get; } = newTextStart;

    /// <summary>Tokens generated so far, the latest included.</summary>
    public int TokenCount { get; } = tokenCount;

    /// <summary>The text released by the latest token.</summary>
    public ReadOnlySpan<char> NewText => Text[NewTextStart..];
}

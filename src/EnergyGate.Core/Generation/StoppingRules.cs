namespace EnergyGate.Core.Generation;

/// <summary>A decision to stop: why, in words, and where the completion ends when the text decided it.</summary>
internal readonly record struct StopDecision(StopReason Reason, string Detail, int? TextEnd = null);

/// <summary>
/// Every stopping criterion of one completion, checked after each token in <see cref="StopReason"/>
/// order. Pure over its inputs so it can be tested without a model.
/// </summary>
internal sealed class StoppingRules
{
    private readonly int[] _endOfSequence;
    private readonly int _maxNewTokens;
    private readonly int _room;
    private readonly int _maxSequenceLength;
    private readonly StopStrings _stopStrings;
    private readonly ITextStoppingCriterion[] _criteria;

    public StoppingRules(GenerationSettings settings, ITextTokenizer tokenizer, int promptLength, int maxSequenceLength,
        IReadOnlyList<ITextStoppingCriterion> criteria)
    {
        _endOfSequence = [.. tokenizer.EndOfSequenceIds, .. settings.EndOfSequenceIds];
        _maxNewTokens = settings.MaxNewTokens;
        _maxSequenceLength = maxSequenceLength;
        _room = maxSequenceLength - promptLength;
        _stopStrings = new StopStrings(settings.StopStrings);
        _criteria = [.. criteria];
    }

    public bool IsEndOfSequence(int tokenId) => Array.IndexOf(_endOfSequence, tokenId) >= 0;

    public StopDecision? Check(int tokenId, GeneratedText text)
    {
        if (IsEndOfSequence(tokenId))
            return new(StopReason.EndOfSequence, $"end-of-sequence token {tokenId}");
        // Text checks run only when the token released text: nothing new can match otherwise.
        if (text.NewTextStart < text.Text.Length)
        {
            var at = _stopStrings.Find(text.Text, text.NewTextStart, out var match);
            if (at >= 0)
                return new(StopReason.StopString, match!, at);
            foreach (var criterion in _criteria)
            {
                if (criterion.Check(text) is { } stop)
                    return new(StopReason.Criterion, stop.Detail, CheckedEnd(stop, text.Text.Length));
            }
        }
        if (text.TokenCount >= _maxNewTokens)
            return new(StopReason.MaxNewTokens, $"{_maxNewTokens} new tokens");
        if (text.TokenCount >= _room)
            return new(StopReason.ContextFull, $"{_maxSequenceLength} positions (prompt + generated)");
        return null;
    }

    /// <summary>
    /// Where the completion ends when generation stopped for a reason other than the text: a stop
    /// string may first appear in a tail that was held back until the final flush.
    /// </summary>
    public int CompletionEnd(ReadOnlySpan<char> text, int flushedFrom)
    {
        var at = _stopStrings.Find(text, flushedFrom, out _);
        return at >= 0 ? at : text.Length;
    }

    private static int CheckedEnd(TextStop stop, int length) =>
        stop.TextEnd >= 0 && stop.TextEnd <= length
            ? stop.TextEnd
            : throw new InvalidOperationException(
                $"stopping criterion '{stop.Detail}' returned TextEnd {stop.TextEnd}, outside the generated text of {length} characters");
}

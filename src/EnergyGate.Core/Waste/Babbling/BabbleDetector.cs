namespace EnergyGate.Core.Waste.Babbling;

/// <summary>
/// Finds where the useful answer of a finished completion ended, after the fact, from the text
/// each generated token released. The HumanEval points are the same ones the suppression criteria
/// stop at (they share <see cref="CheckingCriterion.UsefulEnd"/>), so the babble measured here is
/// what a strategy could have saved.
/// </summary>
public static class BabbleDetector
{
    /// <summary>
    /// The index of the first token whose text contains a newline at which <paramref name="isUsefulEnd"/>
    /// holds for the completion up to and including that newline; null when it never holds.
    /// </summary>
    public static int? FirstNewlineWhere(IReadOnlyList<string> tokenTexts, Func<string, bool> isUsefulEnd)
    {
        ArgumentNullException.ThrowIfNull(tokenTexts);
        ArgumentNullException.ThrowIfNull(isUsefulEnd);
        var text = new System.Text.StringBuilder();
        for (var i = 0; i < tokenTexts.Count; i++)
        {
            var piece = tokenTexts[i] ?? "";
            var start = text.Length;
            text.Append(piece);
            for (var j = piece.IndexOf('\n', StringComparison.Ordinal); j >= 0; j = piece.IndexOf('\n', j + 1))
            {
                if (isUsefulEnd(text.ToString(0, start + j + 1)))
                    return i;
            }
        }
        return null;
    }

    /// <summary>
    /// HumanEval: the first newline where <paramref name="criterion"/> (syntax, or syntax plus tests
    /// for the oracle) says the answer is complete. The criterion's own check counters grow.
    /// </summary>
    public static int? HumanEval(IReadOnlyList<string> tokenTexts, CheckingCriterion criterion)
    {
        ArgumentNullException.ThrowIfNull(criterion);
        return FirstNewlineWhere(tokenTexts, completion => criterion.UsefulEnd(completion) is not null);
    }

    /// <summary>
    /// LongBench understanding (code completion scored on one line): the token that generated the
    /// newline ending the line <c>CodeSimilarity.FirstCodeLine</c> reads (leading newlines skipped,
    /// lines with a backtick, '#' or "//" passed over); null when that line never ended.
    /// </summary>
    public static int? LongBenchFirstLine(IReadOnlyList<string> tokenTexts)
    {
        ArgumentNullException.ThrowIfNull(tokenTexts);
        var text = string.Concat(tokenTexts);
        var lineStart = 0;
        while (lineStart < text.Length && text[lineStart] == '\n')
            lineStart++;
        while (lineStart <= text.Length)
        {
            var newline = text.IndexOf('\n', lineStart);
            if (newline < 0)
                return null; // The last line has no newline: the scorer reads it, but it never ended.
            var line = text.AsSpan(lineStart, newline - lineStart);
            if (!line.Contains('`') && !line.Contains('#') && !line.Contains("//", StringComparison.Ordinal))
                return TokenAt(tokenTexts, newline);
            lineStart = newline + 1;
        }
        return null;
    }

    /// <summary>The index of the token whose text covers character <paramref name="offset"/> of the joined text.</summary>
    private static int TokenAt(IReadOnlyList<string> tokenTexts, int offset)
    {
        var end = 0;
        for (var i = 0; i < tokenTexts.Count; i++)
        {
            end += (tokenTexts[i] ?? "").Length;
            if (offset < end)
                return i;
        }
        throw new ArgumentOutOfRangeException(nameof(offset), offset, "past the end of the generated text");
    }
}

using System.Text.RegularExpressions;

namespace EnergyGate.Core.Generation.Tokenizers;

/// <summary>HF's <c>SplitDelimiterBehavior</c>: what happens to the matched delimiters when splitting.</summary>
internal enum SplitBehavior
{
    Removed,
    Isolated,
    MergedWithPrevious,
    MergedWithNext,
    Contiguous,
}

internal static class Splitter
{
    /// <summary>Splits <paramref name="text"/> around the matches of <paramref name="pattern"/> (or, inverted, around the gaps).</summary>
    public static List<string> Split(string text, Regex pattern, SplitBehavior behavior, bool invert)
    {
        var spans = new List<(int Start, int End, bool Delimiter)>();
        var position = 0;
        for (var match = pattern.Match(text); match.Success; match = match.NextMatch())
        {
            if (match.Length == 0)
            {
                continue;
            }
            if (match.Index > position)
            {
                spans.Add((position, match.Index, invert));
            }
            spans.Add((match.Index, match.Index + match.Length, !invert));
            position = match.Index + match.Length;
        }
        if (position < text.Length)
        {
            spans.Add((position, text.Length, invert));
        }
        return Combine(text, spans, behavior);
    }

    // Mirrors the folds in HF's NormalizedString::split, one per behavior.
    private static List<string> Combine(string text, List<(int Start, int End, bool Delimiter)> spans, SplitBehavior behavior)
    {
        var pieces = new List<(int Start, int End)>();
        switch (behavior)
        {
            case SplitBehavior.Removed:
                pieces.AddRange(spans.Where(s => !s.Delimiter).Select(s => (s.Start, s.End)));
                break;
            case SplitBehavior.Isolated:
                pieces.AddRange(spans.Select(s => (s.Start, s.End)));
                break;
            case SplitBehavior.MergedWithPrevious:
                var previous = false;
                foreach (var (start, end, delimiter) in spans)
                {
                    if (delimiter && !previous && pieces.Count > 0)
                    {
                        pieces[^1] = (pieces[^1].Start, end);
                    }
                    else
                    {
                        pieces.Add((start, end));
                    }
                    previous = delimiter;
                }
                break;
            case SplitBehavior.MergedWithNext:
                var next = false;
                for (var i = spans.Count - 1; i >= 0; i--)
                {
                    var (start, end, delimiter) = spans[i];
                    if (delimiter && !next && pieces.Count > 0)
                    {
                        pieces[^1] = (start, pieces[^1].End);
                    }
                    else
                    {
                        pieces.Add((start, end));
                    }
                    next = delimiter;
                }
                pieces.Reverse();
                break;
            case SplitBehavior.Contiguous:
                var last = false;
                foreach (var (start, end, delimiter) in spans)
                {
                    if (delimiter == last && pieces.Count > 0)
                    {
                        pieces[^1] = (pieces[^1].Start, end);
                    }
                    else
                    {
                        pieces.Add((start, end));
                    }
                    last = delimiter;
                }
                break;
        }
        return pieces.Select(p => text[p.Start..p.End]).ToList();
    }
}

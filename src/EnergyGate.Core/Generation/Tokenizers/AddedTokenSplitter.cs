namespace EnergyGate.Core.Generation.Tokenizers;

/// <summary>
/// Finds added tokens leftmost-longest, as HF's Aho-Corasick trie does, honouring lstrip/rstrip
/// (the match swallows neighbouring whitespace) and single_word (only between non-word characters).
/// Microsoft.ML.Tokenizers matches special tokens only inside its own pre-tokenizer's pieces, which
/// would miss tokens that span a piece boundary, so matching happens here, before any splitting.
/// </summary>
internal sealed class AddedTokenSplitter
{
    private readonly Dictionary<char, AddedToken[]> _byFirstChar;

    public AddedTokenSplitter(IEnumerable<AddedToken> tokens)
    {
        _byFirstChar = tokens
            .Where(t => t.Content.Length > 0)
            .GroupBy(t => t.Content[0])
            .ToDictionary(g => g.Key, g => g.OrderByDescending(t => t.Content.Length).ToArray());
    }

    public bool IsEmpty => _byFirstChar.Count == 0;

    public IEnumerable<Segment> Split(Piece piece)
    {
        var text = piece.Text;
        if (IsEmpty)
        {
            yield return new Segment(piece, null);
            yield break;
        }
        var emitted = 0;
        var i = 0;
        while (i < text.Length)
        {
            var token = LongestAt(text, i);
            if (token is null)
            {
                i++;
                continue;
            }
            var end = i + token.Content.Length;
            if (token.SingleWord && (IsWordChar(text, i - 1) || IsWordChar(text, end)))
            {
                i = end;
                continue;
            }
            var start = i;
            if (token.LStrip)
            {
                while (start > emitted && char.IsWhiteSpace(text[start - 1]))
                {
                    start--;
                }
            }
            if (token.RStrip)
            {
                while (end < text.Length && char.IsWhiteSpace(text[end]))
                {
                    end++;
                }
            }
            if (start > emitted)
            {
                yield return new Segment(new Piece(text[emitted..start], piece.AtStart && emitted == 0), null);
            }
            yield return new Segment(new Piece(text[start..end], piece.AtStart && start == 0), token.Id);
            emitted = i = end;
        }
        if (emitted < text.Length)
        {
            yield return new Segment(new Piece(text[emitted..], piece.AtStart && emitted == 0), null);
        }
    }

    private AddedToken? LongestAt(string text, int index)
    {
        if (!_byFirstChar.TryGetValue(text[index], out var candidates))
        {
            return null;
        }
        foreach (var candidate in candidates)
        {
            if (index + candidate.Content.Length <= text.Length
                && string.CompareOrdinal(text, index, candidate.Content, 0, candidate.Content.Length) == 0)
            {
                return candidate;
            }
        }
        return null;
    }

    private static bool IsWordChar(string text, int index) =>
        index >= 0 && index < text.Length && (char.IsLetterOrDigit(text[index]) || text[index] == '_');
}

namespace EnergyGate.Core.Generation;

/// <summary>
/// Finds the earliest stop string in generated text, searching only where a new match can be: the
/// new text plus enough earlier characters for a string that spans tokens.
/// </summary>
internal sealed class StopStrings
{
    private readonly string[] _strings;
    private readonly int _longest;

    public StopStrings(IReadOnlyList<string> strings)
    {
        _strings = [.. strings];
        foreach (var s in _strings)
            _longest = Math.Max(_longest, s.Length);
    }

    /// <summary>Start of the earliest match that ends in the new text, or -1.</summary>
    public int Find(ReadOnlySpan<char> text, int newTextStart, out string? match)
    {
        match = null;
        if (_strings.Length == 0 || newTextStart >= text.Length)
            return -1;
        // Earlier text was searched already, so a new match must end after newTextStart.
        var from = Math.Max(0, newTextStart - (_longest - 1));
        var window = text[from..];
        var best = -1;
        foreach (var candidate in _strings)
        {
            var at = window.IndexOf(candidate, StringComparison.Ordinal);
            if (at >= 0 && (best < 0 || at < best))
            {
                best = at;
                match = candidate;
            }
        }
        return best < 0 ? -1 : from + best;
    }
}

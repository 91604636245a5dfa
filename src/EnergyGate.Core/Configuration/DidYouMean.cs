namespace EnergyGate.Core.Configuration;

/// <summary>Suggests the valid name closest to a misspelt one, if any is close enough to be a typo.</summary>
internal static class DidYouMean
{
    public static string? Suggest(string typed, IEnumerable<string> candidates)
    {
        // Case and '_' vs '-' differences are common (cacheDir, cache_dir) and cost one edit each at most.
        var best = candidates
            .Select(c => (Candidate: c, Distance: Distance(typed.ToLowerInvariant(), c)))
            .OrderBy(x => x.Distance)
            .FirstOrDefault();
        // Allow about one edit per three characters, at least one: "sandbx" matches, "foo" matches nothing.
        var limit = Math.Max(1, typed.Length / 3);
        return best.Candidate is not null && best.Distance <= limit ? best.Candidate : null;
    }

    /// <summary>Optimal-string-alignment distance: Levenshtein plus adjacent transpositions ("tiemout").</summary>
    public static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }
        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }
        return d[a.Length, b.Length];
    }
}

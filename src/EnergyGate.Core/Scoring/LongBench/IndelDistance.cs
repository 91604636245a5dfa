namespace EnergyGate.Core.Scoring.LongBench;

/// <summary>
/// The InDel distance (insertions and deletions only, no substitutions) between two code-point
/// sequences: what python-Levenshtein's <c>ratio</c> counts, as a Levenshtein distance whose
/// substitutions cost 2.
/// </summary>
public static class IndelDistance
{
    /// <summary>
    /// <c>len(a) + len(b) - 2 * LCS(a, b)</c>. Uses the plain dynamic programme over one row of the
    /// shorter input: LongBench compares single code lines (tens of code points), where a bit-parallel
    /// LCS would buy nothing and would need a per-code-point mask table for arbitrary Unicode.
    /// </summary>
    public static int Compute(ReadOnlySpan<int> a, ReadOnlySpan<int> b)
    {
        // Common ends never change the LCS; python-Levenshtein strips them too.
        var prefix = a.CommonPrefixLength(b);
        a = a[prefix..];
        b = b[prefix..];
        var suffix = 0;
        while (suffix < a.Length && suffix < b.Length && a[^(suffix + 1)] == b[^(suffix + 1)])
        {
            suffix++;
        }
        a = a[..^suffix];
        b = b[..^suffix];
        if (a.Length < b.Length)
        {
            var swap = a;
            a = b;
            b = swap;
        }
        return a.Length + b.Length - 2 * Lcs(a, b);
    }

    /// <summary>LCS length with one row of <c>b.Length + 1</c> cells; <paramref name="b"/> is the shorter.</summary>
    private static int Lcs(ReadOnlySpan<int> a, ReadOnlySpan<int> b)
    {
        if (b.Length == 0)
        {
            return 0;
        }
        var row = b.Length <= 256 ? stackalloc int[b.Length + 1] : new int[b.Length + 1];
        row.Clear();
        foreach (var x in a)
        {
            var diagonal = 0; // row[j - 1] of the previous row
            for (var j = 1; j <= b.Length; j++)
            {
                var above = row[j];
                row[j] = x == b[j - 1] ? diagonal + 1 : Math.Max(above, row[j - 1]);
                diagonal = above;
            }
        }
        return row[b.Length];
    }
}

namespace EnergyGate.Core.Scoring.LongBench;

/// <summary>
/// The InDel distance (insertions and deletions only, no substitutions) between two code-point
/// sequences: what python-Levenshtein's <c>ratio</c> counts, as a Levenshtein distance whose
/// substitutions cost 2.
/// </summary>
public static class IndelDistance
{
    /// <summary>
    /// Most code points of each input's differing middle (after common ends are stripped) that the
    /// LCS compares. The dynamic programme is quadratic: two 3 MB lines took about two hours. LongBench
    /// generates at most 64 tokens for lcc and repobench-p and compares single source lines, so real
    /// inputs stay far below this; past it the distance is an upper bound (the score a lower bound).
    /// </summary>
    public const int MaxComparedCodePoints = 4096;

    /// <summary>
    /// <c>len(a) + len(b) - 2 * LCS(a, b)</c>, exact while the differing middles are at most
    /// <see cref="MaxComparedCodePoints"/> long each; beyond, only their first that many code points
    /// can match. Uses the plain dynamic programme over one row of the shorter input: LongBench
    /// compares single code lines (tens of code points), where a bit-parallel LCS would buy nothing
    /// and would need a per-code-point mask table for arbitrary Unicode.
    /// </summary>
    public static int Compute(ReadOnlySpan<int> a, ReadOnlySpan<int> b) => Compute(a, b, out _);

    /// <param name="a">One sequence.</param>
    /// <param name="b">The other.</param>
    /// <param name="cells">Cells of the dynamic programme computed: the work done, for tests that bound it.</param>
    internal static int Compute(ReadOnlySpan<int> a, ReadOnlySpan<int> b, out long cells)
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
        var compareA = a[..Math.Min(a.Length, MaxComparedCodePoints)];
        var compareB = b[..Math.Min(b.Length, MaxComparedCodePoints)];
        if (compareA.Length < compareB.Length)
        {
            var swap = compareA;
            compareA = compareB;
            compareB = swap;
        }
        cells = (long)compareA.Length * compareB.Length;
        return a.Length + b.Length - 2 * Lcs(compareA, compareB);
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

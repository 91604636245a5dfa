using System.Text;

namespace EnergyGate.Core.Scoring.LongBench;

/// <summary>
/// fuzzywuzzy 0.18 <c>fuzz.ratio</c> as it runs with python-Levenshtein 0.12 installed (the setup
/// LongBench's requirements name), reproduced bit for bit for lines whose differing parts are at
/// most <see cref="IndelDistance.MaxComparedCodePoints"/> long (longer ones: see there).
/// </summary>
public static class FuzzRatio
{
    /// <summary>
    /// An integer similarity 0..100. The decorators come first, in fuzzywuzzy's order: equal strings
    /// give 100 (so two empty strings give 100), then an empty string gives 0. Otherwise
    /// <c>int(round(100 * Levenshtein.ratio(a, b)))</c>, where the C extension's ratio is
    /// <c>(double)(lensum - indel) / lensum</c> over code points (it reads Py_UNICODE, which is UTF-32
    /// on Linux). The exact float expression matters: the newer rapidfuzz-based
    /// <c>1 - indel / lensum</c> rounds differently on some halves (e.g. lensum 40, indel 38).
    /// </summary>
    public static int Ratio(string a, string b) => Ratio(a, b, out _);

    /// <param name="a">One string.</param>
    /// <param name="b">The other.</param>
    /// <param name="cells">Cells of the LCS programme computed (0 when a shortcut decided).</param>
    internal static int Ratio(string a, string b, out long cells)
    {
        cells = 0;
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (string.Equals(a, b, StringComparison.Ordinal))
        {
            return 100;
        }
        if (a.Length == 0 || b.Length == 0)
        {
            return 0;
        }
        var left = CodePoints(a);
        var right = CodePoints(b);
        var lensum = left.Length + right.Length;
        // The LCS is at most the shorter length, so the ratio is at most 2 * shorter / lensum; from
        // 401 times the shorter length on that is under 0.5 % (0.4988 at most) and rounds to 0 with
        // room to spare for float error. Exact, and it makes a huge line against a short one free.
        if (lensum >= 401L * Math.Min(left.Length, right.Length))
        {
            return 0;
        }
        var ratio = (double)(lensum - IndelDistance.Compute(left, right, out cells)) / lensum;
        // Python's round() on a float rounds half to even, as MidpointRounding.ToEven does.
        return (int)Math.Round(100 * ratio, MidpointRounding.ToEven);
    }

    /// <summary>The string as Unicode scalar values, the units Python's len and indexing count.</summary>
    internal static int[] CodePoints(string text)
    {
        var points = new List<int>(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            points.Add(rune.Value);
        }
        return [.. points];
    }
}

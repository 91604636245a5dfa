using System.Text;

namespace EnergyGate.Core.Scoring.LongBench;

/// <summary>
/// fuzzywuzzy 0.18 <c>fuzz.ratio</c> as it runs with python-Levenshtein 0.12 installed (the setup
/// LongBench's requirements name), reproduced bit for bit.
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
    public static int Ratio(string a, string b)
    {
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
        var ratio = (double)(lensum - IndelDistance.Compute(left, right)) / lensum;
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

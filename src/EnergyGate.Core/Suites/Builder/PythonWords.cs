namespace EnergyGate.Core.Suites.Builder;

/// <summary>Counts words the way LongBench's <c>length</c> field does: <c>len(text.split())</c> in Python.</summary>
internal static class PythonWords
{
    /// <summary>Runs of non-whitespace characters, with Python's notion of whitespace.</summary>
    public static int Count(string text)
    {
        var words = 0;
        var inWord = false;
        foreach (var c in text)
        {
            var space = IsPythonSpace(c);
            if (!space && !inWord)
            {
                words++;
            }
            inWord = !space;
        }
        return words;
    }

    // Python's str.split() also breaks on the ASCII file/group/record/unit separators, which
    // .NET's char.IsWhiteSpace does not treat as white space.
    private static bool IsPythonSpace(char c) => char.IsWhiteSpace(c) || c is >= '\x1c' and <= '\x1f';
}

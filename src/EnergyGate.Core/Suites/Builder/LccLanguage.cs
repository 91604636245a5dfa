namespace EnergyGate.Core.Suites.Builder;

/// <summary>A source language an lcc suite can be built from: its LongBench name, file extension and comment syntax.</summary>
/// <param name="Name">The <c>language</c> value LongBench uses.</param>
/// <param name="Extension">The file extension searched for, with the dot.</param>
/// <param name="CommentPrefixes">Starts of lines that hold only a comment (after leading whitespace).</param>
public sealed record LccLanguage(string Name, string Extension, IReadOnlyList<string> CommentPrefixes)
{
    /// <summary>Python: <c>.py</c>, <c>#</c> comments.</summary>
    public static LccLanguage Python { get; } = new("python", ".py", ["#"]);

    // "*" covers both the middle lines of a block comment and its "*/" end.
    /// <summary>C#: <c>.cs</c>, <c>//</c> and block comments.</summary>
    public static LccLanguage CSharp { get; } = new("csharp", ".cs", ["//", "/*", "*"]);

    /// <summary>Java: <c>.java</c>, <c>//</c> and block comments.</summary>
    public static LccLanguage Java { get; } = new("java", ".java", ["//", "/*", "*"]);

    /// <summary>Every supported language, in the order help text lists them.</summary>
    public static IReadOnlyList<LccLanguage> All { get; } = [Python, CSharp, Java];

    /// <summary>The language with the given name (case-insensitive).</summary>
    /// <exception cref="EnergyGateException">The name is not one of <see cref="All"/>.</exception>
    public static LccLanguage Find(string name) =>
        All.FirstOrDefault(l => string.Equals(l.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new EnergyGateException(
            $"unknown language `{name}`; valid languages: {string.Join(", ", All.Select(l => l.Name))}");

    /// <summary>
    /// True for a line no one should be asked to predict: blank, comment-only, or only closing
    /// brackets with an optional <c>;</c> or <c>,</c> (<c>}</c>, <c>});</c>, <c>]</c>, <c>),</c>).
    /// </summary>
    public bool IsTrivial(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var text = line.AsSpan().Trim();
        if (text.IsEmpty)
        {
            return true;
        }
        foreach (var prefix in CommentPrefixes)
        {
            if (text.StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }
        if (text[^1] is ';' or ',')
        {
            text = text[..^1];
        }
        return !text.IsEmpty && !text.ContainsAnyExcept("})]");
    }
}

namespace EnergyGate.Core.Configuration;

/// <summary>One problem found in a configuration source.</summary>
/// <param name="File">The file as the user named it, or <c>environment</c> / <c>command line</c>.</param>
/// <param name="Line">1-based line, or 0 when the source has no lines (environment, command line, a missing file).</param>
/// <param name="Column">1-based column, or 0 with <paramref name="Line"/>.</param>
/// <param name="Path">The field, e.g. <c>suites[1].k[0]</c>, an environment variable or an option; empty for the whole file.</param>
/// <param name="Message">What was expected and what was found.</param>
public sealed record ConfigError(string File, int Line, int Column, string Path, string Message)
{
    /// <summary>
    /// Formats as <c>file:line:col: path: message</c>, the shape compilers use, so editors and CI
    /// problem matchers can jump to the spot.
    /// </summary>
    public override string ToString()
    {
        var where = Line > 0 ? $"{File}:{Line}:{Column}" : File;
        return Path.Length > 0 ? $"{where}: {Path}: {Message}" : $"{where}: {Message}";
    }
}

using System.Globalization;
using System.Text.RegularExpressions;

namespace EnergyGate.MSBuild;

/// <summary>
/// One line of the tool's <c>--diagnostics msbuild</c> output: <c>origin: error EG1001: text</c>,
/// where origin is <c>file(line,col)</c>, a file, or <c>energygate</c> for no position. Only EG ids
/// are read, so a progress line that merely looks like an error is never taken for one.
/// </summary>
internal sealed partial record DiagnosticLine(string? File, int Line, int Column, bool IsError, string Id, string Text)
{
    private const string NoFile = "energygate";

    /// <summary>A gate finding (EG1xxx) rather than a setup problem (EG2xxx).</summary>
    public bool IsGateFinding => Id.StartsWith("EG1", StringComparison.Ordinal);

    public static DiagnosticLine? TryParse(string line)
    {
        var match = Pattern().Match(line);
        if (!match.Success)
        {
            return null;
        }
        var origin = match.Groups["origin"].Value.Trim();
        return new DiagnosticLine(
            origin.Length == 0 || origin == NoFile ? null : origin,
            Number(match.Groups["line"]),
            Number(match.Groups["col"]),
            match.Groups["level"].Value == "error",
            match.Groups["id"].Value,
            match.Groups["text"].Value);
    }

    private static int Number(Group group) => group.Success ? int.Parse(group.Value, CultureInfo.InvariantCulture) : 0;

    [GeneratedRegex(@"^(?<origin>.*?)(?:\((?<line>\d+),(?<col>\d+)\))?: (?<level>error|warning) (?<id>EG\d{4}): (?<text>.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}

using System.CommandLine;

namespace EnergyGate.Tool.Diagnostics;

/// <summary>How findings and errors are written.</summary>
internal enum DiagnosticsFormat
{
    /// <summary>For people: <c>error EG1001: cell metric: message</c>, errors as <c>energygate: error: ...</c>.</summary>
    Text,

    /// <summary>
    /// MSBuild's canonical form, <c>file(line,col): error EG1001: text</c>, one per line: what the
    /// EnergyGate.MSBuild task reads, and what MSBuild, editors and CI problem matchers parse natively.
    /// </summary>
    Msbuild,
}

/// <summary>The root's <c>--diagnostics</c> option, valid on every verb.</summary>
internal static class DiagnosticsOption
{
    public static readonly Option<DiagnosticsFormat> Format = new("--diagnostics")
    {
        Description = "How findings and errors are printed: text (default) or msbuild (file(line,col): error EG1001: ...).",
        Recursive = true,
        DefaultValueFactory = _ => DiagnosticsFormat.Text,
    };
}

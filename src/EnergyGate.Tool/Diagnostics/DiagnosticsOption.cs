using System.CommandLine;

namespace EnergyGate.Tool.Diagnostics;

/// <summary>How findings and errors are written.</summary>
internal enum DiagnosticsFormat
{
    /// <summary>For people: <c>error EG1001: cell metric: message</c>, errors as <c>energygate: error: ...</c>.</summary>
    Text,

    /// <summary>
    /// MSBuild's canonical form, <c>file(line,col): error EG1001: text</c>, one per line: what the
    /// EnergyGate.MSBuild task reads, and what MSBuild and editors parse natively.
    /// </summary>
    Msbuild,

    /// <summary>
    /// GitHub Actions workflow commands, <c>::error file=energygate.yml,line=12,col=5,title=EnergyGate EG1001::text</c>:
    /// the runner turns each into an annotation on that line of the repository file. GitHub's own
    /// problem matchers do not read the msbuild form (its csc matcher needs a trailing <c>[project]</c>).
    /// </summary>
    Github,
}

/// <summary>The root's <c>--diagnostics</c> option, valid on every verb.</summary>
internal static class DiagnosticsOption
{
    public static readonly Option<DiagnosticsFormat> Format = new("--diagnostics")
    {
        Description = "How findings and errors are printed: text (default), msbuild (file(line,col): error EG1001: ...) or github (::error file=...,line=...::..., annotations in GitHub Actions).",
        Recursive = true,
        DefaultValueFactory = _ => DiagnosticsFormat.Text,
    };
}

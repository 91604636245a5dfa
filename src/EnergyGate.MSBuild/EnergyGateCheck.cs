using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace EnergyGate.MSBuild;

/// <summary>
/// Runs <c>dotnet-energygate check --diagnostics msbuild</c> as a process and turns its findings into
/// MSBuild errors and warnings with their EG ids and, where one applies, the energygate.yml position.
/// The tool runs out of process so ONNX Runtime and the other native inference libraries never load
/// into a long-lived MSBuild node.
/// </summary>
public sealed class EnergyGateCheck : ToolTask
{
    private ToolLaunch? _launch;
    private bool _sawDiagnostic;

    /// <summary>energygate.yml (<c>--config</c>); empty lets the tool look in the working directory.</summary>
    public string? Config { get; set; }

    /// <summary>The baselines folder (<c>--baselines</c>); empty is the tool's default.</summary>
    public string? BaselineDirectory { get; set; }

    /// <summary>The Markdown report (<c>--report</c>); empty is the tool's default.</summary>
    public string? Report { get; set; }

    /// <summary>Also write the JSON report here (<c>--json</c>).</summary>
    public string? JsonReport { get; set; }

    /// <summary>Gate a results file recorded earlier instead of measuring (<c>--results</c>).</summary>
    public string? Results { get; set; }

    /// <summary>False: regressions become warnings and the build never fails on them (<c>--fail-on never</c>).</summary>
    public bool FailOnRegression { get; set; } = true;

    /// <summary>EnergyGateToolPath: empty runs <c>dotnet energygate</c>; else dotnet-energygate.dll or the tool's executable.</summary>
    public string? Tool { get; set; }

    /// <summary>The dotnet executable; empty finds it on PATH.</summary>
    public string? DotnetHost { get; set; }

    /// <summary>Further arguments for <c>check</c>, as typed on a command line.</summary>
    public string? AdditionalArguments { get; set; }

    /// <summary>Where the tool runs (relative paths and ./energygate.yml resolve here); empty is the project folder.</summary>
    public string? WorkingDirectory { get; set; }

    /// <summary>The PATH searched for dotnet; a seam for tests.</summary>
    internal string? SearchPath { get; set; } = Environment.GetEnvironmentVariable("PATH");

    /// <inheritdoc />
    protected override string ToolName => Path.GetFileName(_launch?.Executable) ?? "dotnet";

    /// <summary>The verdict, the summary and the report path show at the default (minimal) verbosity.</summary>
    protected override MessageImportance StandardOutputLoggingImportance => MessageImportance.High;

    private string BaseDirectory =>
        !string.IsNullOrEmpty(WorkingDirectory) ? Path.GetFullPath(WorkingDirectory)
        : BuildEngine?.ProjectFileOfTaskNode is { Length: > 0 } project ? Path.GetDirectoryName(Path.GetFullPath(project))!
        : Environment.CurrentDirectory;

    /// <inheritdoc />
    protected override bool ValidateParameters()
    {
        _launch = ToolLaunch.Resolve(Tool, DotnetHost, SearchPath, BaseDirectory, out var error);
        if (_launch is null)
        {
            Log.LogError(null, DiagnosticIds.ToolNotFound, null, null, 0, 0, 0, 0, "{0}", error);
            return false;
        }
        return base.ValidateParameters();
    }

    /// <inheritdoc />
    protected override string GenerateFullPathToTool() => _launch?.Executable ?? "";

    /// <inheritdoc />
    protected override string? GetWorkingDirectory() => BaseDirectory;

    /// <inheritdoc />
    protected override string GenerateCommandLineCommands() => string.Join(" ", Arguments().Select(Quote))
        + (string.IsNullOrWhiteSpace(AdditionalArguments) ? "" : " " + AdditionalArguments!.Trim());

    /// <summary>The tool's arguments, unquoted: the launch prefix, the verb, the options.</summary>
    internal IReadOnlyList<string> Arguments()
    {
        var args = new List<string>(_launch?.Prefix ?? []) { "check", "--diagnostics", "msbuild" };
        AddOption(args, "--config", Config);
        AddOption(args, "--baselines", BaselineDirectory);
        AddOption(args, "--report", Report);
        AddOption(args, "--json", JsonReport);
        AddOption(args, "--results", Results);
        if (!FailOnRegression)
        {
            args.AddRange(["--fail-on", "never"]);
        }
        return args;
    }

    /// <inheritdoc />
    protected override void LogEventsFromTextOutput(string singleLine, MessageImportance messageImportance)
    {
        if (DiagnosticLine.TryParse(singleLine) is not { } diagnostic)
        {
            Log.LogMessage(messageImportance, "{0}", singleLine);
            return;
        }
        _sawDiagnostic = true;
        var file = diagnostic.File ?? "";
        if (diagnostic.IsError && (FailOnRegression || !diagnostic.IsGateFinding))
        {
            Log.LogError(null, diagnostic.Id, null, file, diagnostic.Line, diagnostic.Column, 0, 0, "{0}", diagnostic.Text);
        }
        else
        {
            Log.LogWarning(null, diagnostic.Id, null, file, diagnostic.Line, diagnostic.Column, 0, 0, "{0}", diagnostic.Text);
        }
    }

    /// <summary>
    /// A non-zero exit: 1 regression, 2 usage/configuration/tool error, 3 inconclusive. The tool has
    /// normally said why already; this adds an error only when it has not.
    /// </summary>
    protected override bool HandleTaskExecutionErrors()
    {
        if (Log.HasLoggedErrors)
        {
            return false;
        }
        switch (ExitCode)
        {
            case 1 when _sawDiagnostic:
                // Every regression was downgraded to a warning.
                return !FailOnRegression;
            case 3:
                Log.LogError(null, DiagnosticIds.Inconclusive, null, null, 0, 0, 0, 0,
                    "The energy gate is inconclusive and its policy fails on that (fail-on: inconclusive); see the report for the noisy cells.");
                return false;
            case 1 when !_sawDiagnostic && _launch?.Prefix is ["energygate"]:
                // dotnet itself exits 1 when no `energygate` command is installed.
                Log.LogError(null, DiagnosticIds.ToolNotFound, null, null, 0, 0, 0, 0,
                    "{0} could not run (exit code 1, no gate finding): install the tool (`dotnet tool install dotnet-energygate`, as a local tool or with --global) or set EnergyGateToolPath to dotnet-energygate.dll.",
                    _launch.Description);
                return false;
            default:
                Log.LogError(null, DiagnosticIds.ToolFailed, null, null, 0, 0, 0, 0,
                    "{0} failed with exit code {1} and no diagnostic; its output is above.", _launch?.Description ?? ToolName, ExitCode);
                return false;
        }
    }

    private static void AddOption(List<string> args, string name, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            args.Add(name);
            args.Add(value);
        }
    }

    /// <summary>Quotes an argument for the process command line (spaces, quotes) the way the .NET runtime splits it.</summary>
    internal static string Quote(string arg)
    {
        if (arg.Length > 0 && !arg.Any(c => char.IsWhiteSpace(c) || c == '"'))
        {
            return arg;
        }
        var builder = new System.Text.StringBuilder("\"");
        var backslashes = 0;
        foreach (var c in arg)
        {
            if (c == '\\')
            {
                backslashes++;
                continue;
            }
            builder.Append('\\', c == '"' ? backslashes * 2 + 1 : backslashes);
            backslashes = 0;
            builder.Append(c);
        }
        return builder.Append('\\', backslashes * 2).Append('"').ToString();
    }
}

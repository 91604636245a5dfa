using System.CommandLine;
using System.Diagnostics;
using EnergyGate.Core.Baselines;
using EnergyGate.Core.Configuration;
using EnergyGate.Core.Gating;
using EnergyGate.Core.Measurement;
using EnergyGate.Core.Reporting;
using EnergyGate.Tool.Diagnostics;

namespace EnergyGate.Tool.Gating;

/// <summary>What check, compare, report and baseline share: building candidates, writing reports, exit codes.</summary>
internal static class GateSupport
{
    /// <summary>The commit under test: $GITHUB_SHA in Actions, else the working tree's HEAD, else "unknown".</summary>
    public static string Commit()
    {
        if (Environment.GetEnvironmentVariable("GITHUB_SHA") is { Length: > 0 } sha)
        {
            return sha;
        }
        try
        {
            var info = new ProcessStartInfo("git", ["rev-parse", "HEAD"]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            using var git = Process.Start(info);
            var head = git?.StandardOutput.ReadToEnd().Trim();
            git?.WaitForExit();
            return git?.ExitCode == 0 && !string.IsNullOrEmpty(head) ? head : "unknown";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown";   // no git on this machine
        }
    }

    public static async Task<CandidateSet> CandidateFromResultsAsync(string path, ResolvedSettings settings, CancellationToken ct) =>
        CandidateBuilder.Build(await RunResults.LoadAsync(path, settings.Suites, ct), settings.MachineClass, Commit());

    /// <summary>The candidate and the waste findings of a results file, read once (it can be large).</summary>
    public static async Task<(CandidateSet Candidate, WasteFindings Waste)> CandidateAndWasteAsync(string path, ResolvedSettings settings, CancellationToken ct)
    {
        var loaded = await RunResults.ReadAsync(path, settings.Suites, ct);
        return (CandidateBuilder.Build(loaded.Summary, settings.MachineClass, Commit()), WasteFindings.From(loaded.Records));
    }

    public static DateOnly Today() => DateOnly.FromDateTime(DateTime.UtcNow);

    /// <summary>Writes the Markdown report (always) and the HTML and JSON ones when asked, each atomically, all from one model.</summary>
    public static async Task<string> WriteReportsAsync(ReportModel model, string markdownPath, string? htmlPath, string? jsonPath, CancellationToken ct)
    {
        await WriteAtomicAsync(markdownPath, MarkdownReport.Render(model), ct);
        if (htmlPath is not null)
        {
            await WriteAtomicAsync(htmlPath, HtmlReport.Render(model), ct);
        }
        if (jsonPath is not null)
        {
            await WriteAtomicAsync(jsonPath, JsonReport.Render(model), ct);
        }
        return markdownPath;
    }

    /// <summary>The verdict and every finding as lines for the log (EG codes first, so CI annotations can pick them up).</summary>
    public static async Task PrintAsync(TextWriter output, GateResult result, string reportPath, DiagnosticLines? lines = null)
    {
        await output.WriteLineAsync(VerdictLine.For(result));
        // What changed between the sides, so the log reads "+12 % energy" next to "weights changed".
        foreach (var line in ChangesSection.TextLines(result))
        {
            await output.WriteLineAsync(line);
        }
        foreach (var finding in result.Findings)
        {
            await output.WriteLineAsync((lines ?? DiagnosticLines.Text).Finding(finding));
        }
        await output.WriteLineAsync($"Report: {Path.GetFullPath(reportPath)}");
    }

    /// <summary>How this command prints findings (--diagnostics); only the positioned forms read the configuration file again.</summary>
    public static DiagnosticLines Lines(ParseResult parse, SettingsOptions settings)
    {
        var format = parse.GetValue(DiagnosticsOption.Format);
        return new DiagnosticLines(format, format == DiagnosticsFormat.Text ? ConfigPositions.None : settings.Positions(parse));
    }

    public static ExitCode ExitCodeFor(GateResult result) => Gate.ExitCodeFor(result.Verdict, result.Policy) switch
    {
        GateExitCode.Pass => ExitCode.Ok,
        GateExitCode.Regression => ExitCode.Regression,
        _ => ExitCode.Inconclusive,
    };

    public static async Task WriteAtomicAsync(string path, string text, CancellationToken ct)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temp = full + ".tmp";
        await File.WriteAllTextAsync(temp, text, ct);
        File.Move(temp, full, overwrite: true);
    }
}

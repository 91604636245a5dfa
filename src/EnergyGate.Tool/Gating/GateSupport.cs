using System.Diagnostics;
using System.Globalization;
using EnergyGate.Core.Baselines;
using EnergyGate.Core.Configuration;
using EnergyGate.Core.Gating;
using EnergyGate.Core.Measurement;
using EnergyGate.Core.Reporting;
using EnergyGate.Core.Waste.Amplification;
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

    public static DateOnly Today() => DateOnly.FromDateTime(DateTime.UtcNow);

    /// <summary>Writes the Markdown report (always) and the HTML and JSON ones when asked, each atomically.</summary>
    public static async Task<string> WriteReportsAsync(GateResult result, FootprintSettings footprint, string markdownPath, string? htmlPath, string? jsonPath, CancellationToken ct)
    {
        await WriteAtomicAsync(markdownPath, MarkdownReport.Render(result, footprint: footprint), ct);
        if (htmlPath is not null)
        {
            await WriteAtomicAsync(htmlPath, HtmlReport.Render(result, footprint), ct);
        }
        if (jsonPath is not null)
        {
            await WriteAtomicAsync(jsonPath, JsonReport.Render(result, footprint), ct);
        }
        return markdownPath;
    }

    /// <summary>
    /// Adds what needs the per-sample results rather than the gate's per-repetition figures: the
    /// babbling-suppression study (Markdown) and, in the HTML report, a prefill-amplification chart per cell.
    /// </summary>
    public static async Task AppendWasteAsync(string markdownPath, string? htmlPath, string resultsPath, CancellationToken ct)
    {
        var (records, _) = await ResultsJournal.ReadAsync(resultsPath, ct);
        var section = SuppressionStudy.Markdown(SuppressionStudy.Analyze(records)) + AmplificationSection(records);
        if (section.Length > 0)
        {
            await WriteAtomicAsync(markdownPath, await File.ReadAllTextAsync(markdownPath, ct) + section, ct);
        }
        if (htmlPath is null)
        {
            return;
        }
        var charts = new System.Text.StringBuilder();
        foreach (var cell in records.OfType<SampleRecord>().GroupBy(s => s.Cell, StringComparer.Ordinal))
        {
            var samples = cell.Where(s => s.GeneratedTokens > 0).Select(s => (s.PromptTokens, s.DecodeJoules / s.GeneratedTokens)).ToList();
            var analysis = PrefillAmplification.FromJournal(cell);
            if (analysis.HasSpread)
            {
                charts.Append(CultureInfo.InvariantCulture, $"<h3>Prefill amplification: {System.Net.WebUtility.HtmlEncode(cell.Key)}</h3>\n<p>{System.Net.WebUtility.HtmlEncode(AmplificationReport.MarkdownLine(analysis))}</p>\n{AmplificationReport.Svg(analysis, samples)}\n");
            }
        }
        if (charts.Length > 0)
        {
            var html = await File.ReadAllTextAsync(htmlPath, ct);
            var end = html.LastIndexOf("</body>", StringComparison.Ordinal);
            await WriteAtomicAsync(htmlPath, end < 0 ? html + charts : html.Insert(end, charts.ToString()), ct);
        }
    }

    /// <summary>Per cell with enough spread in prompt length, the amplification line with its 95 % interval.</summary>
    private static string AmplificationSection(IReadOnlyList<JournalRecord> records)
    {
        var lines = records.OfType<SampleRecord>().GroupBy(s => s.Cell, StringComparer.Ordinal)
            .Select(g => (Cell: g.Key, Analysis: PrefillAmplification.FromJournal(g)))
            .Where(x => x.Analysis.HasSpread)
            .Select(x => $"- {x.Cell}: {AmplificationReport.MarkdownLine(x.Analysis)}\n")
            .ToList();
        return lines.Count == 0 ? "" : "\n## Prefill amplification\n\n" + string.Concat(lines);
    }

    /// <summary>The verdict and every finding as lines for the log (EG codes first, so CI annotations can pick them up).</summary>
    public static async Task PrintAsync(TextWriter output, GateResult result, string reportPath, DiagnosticLines? lines = null)
    {
        await output.WriteLineAsync(VerdictLine.For(result));
        foreach (var finding in result.Findings)
        {
            await output.WriteLineAsync((lines ?? DiagnosticLines.Text).Finding(finding));
        }
        await output.WriteLineAsync($"Report: {Path.GetFullPath(reportPath)}");
    }

    public static ExitCode ExitCodeFor(GateResult result) => Gate.ExitCodeFor(result.Verdict, result.Policy) switch
    {
        GateExitCode.Pass => ExitCode.Ok,
        GateExitCode.Regression => ExitCode.Regression,
        _ => ExitCode.Inconclusive,
    };

    private static async Task WriteAtomicAsync(string path, string text, CancellationToken ct)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temp = full + ".tmp";
        await File.WriteAllTextAsync(temp, text, ct);
        File.Move(temp, full, overwrite: true);
    }
}

using System.CommandLine;
using System.Globalization;
using System.Text;
using EnergyGate.Core.Gating;
using EnergyGate.Core.Reporting;
using EnergyGate.Core.Reporting.Exports;
using EnergyGate.Core.Statistics;
using EnergyGate.Tool.Commands;

namespace EnergyGate.Tool.Gating;

/// <summary>
/// What check, compare, ab and report write besides their reports: the benchmark-tracker exports
/// (<c>--export-benchmark</c>, <c>--export-bencher</c>) and the job summary (<c>$GITHUB_STEP_SUMMARY</c>,
/// unless <c>--no-step-summary</c>), so a plain <c>run:</c> step in CI needs no second command.
/// </summary>
internal static class GateOutputs
{
    /// <summary>The variable GitHub Actions sets to the file a step appends its summary to.</summary>
    public const string StepSummaryVariable = "GITHUB_STEP_SUMMARY";

    /// <summary>The exports asked for, then the step summary from the Markdown report written at <paramref name="markdownPath"/>.</summary>
    public static async Task PublishAsync(ReportOptions reports, ParseResult parse, GateResult result, string markdownPath, CancellationToken ct)
    {
        await WriteExportsAsync(reports, parse, result, parse.InvocationConfiguration.Output, ct);
        if (StepSummaryPath(reports, parse) is not null)
        {
            await AppendStepSummaryAsync(reports, parse, await File.ReadAllTextAsync(markdownPath, ct), markdownPath, ct);
        }
    }

    /// <summary>Writes <c>--export-benchmark</c> and <c>--export-bencher</c> where given, each atomically, and tells <paramref name="output"/> what went where.</summary>
    public static async Task WriteExportsAsync(ReportOptions reports, ParseResult parse, GateResult result, TextWriter output, CancellationToken ct)
    {
        if (parse.GetValue(reports.ExportBenchmark) is { } benchmark)
        {
            await output.WriteLineAsync(await WriteBenchmarkAsync(benchmark, result, ct));
        }
        if (parse.GetValue(reports.ExportBencher) is { } bencher)
        {
            await GateSupport.WriteAtomicAsync(bencher, BencherExport.Render(result), ct);
            var document = BencherExport.Document(result);
            await output.WriteLineAsync($"Bencher export: {Path.GetFullPath(bencher)} ({document.Values.Sum(m => m.Count)} measures over {document.Count} cell{(document.Count == 1 ? "" : "s")}; bencher run --adapter json --file {bencher})");
        }
    }

    /// <summary>
    /// Writes the lower-is-better document to <paramref name="path"/> and the higher-is-better one
    /// beside it (<see cref="BenchmarkActionExport.BiggerPath"/>); returns the line to print.
    /// </summary>
    public static async Task<string> WriteBenchmarkAsync(string path, GateResult result, CancellationToken ct)
    {
        var smaller = BenchmarkActionExport.Entries(result, MetricDirection.LowerIsBetter);
        var bigger = BenchmarkActionExport.Entries(result, MetricDirection.HigherIsBetter);
        await GateSupport.WriteAtomicAsync(path, BenchmarkActionExport.Serialize(smaller), ct);
        var biggerPath = BenchmarkActionExport.BiggerPath(path);
        var line = new StringBuilder($"Benchmark export: {Path.GetFullPath(path)} ({smaller.Count} lower-is-better figures, tool: customSmallerIsBetter)");
        if (bigger.Count > 0)
        {
            await GateSupport.WriteAtomicAsync(biggerPath, BenchmarkActionExport.Serialize(bigger), ct);
            line.Append(CultureInfo.InvariantCulture, $", {Path.GetFullPath(biggerPath)} ({bigger.Count} higher-is-better, tool: customBiggerIsBetter)");
        }
        else
        {
            // github-action-benchmark fails on an empty array, and a file left from an earlier run would
            // chart that run's figures as this one's: no higher-is-better figures, no file.
            File.Delete(biggerPath);
            line.Append("; no higher-is-better figures, so no ").Append(Path.GetFileName(biggerPath));
        }
        return line.ToString();
    }

    /// <summary>The summary file when one is to be written: $GITHUB_STEP_SUMMARY is set and --no-step-summary is not given.</summary>
    public static string? StepSummaryPath(ReportOptions reports, ParseResult parse) =>
        !parse.GetValue(reports.NoStepSummary) && Environment.GetEnvironmentVariable(StepSummaryVariable) is { Length: > 0 } path ? path : null;

    /// <summary>
    /// Appends <paramref name="markdown"/> to the step summary, cut to GitHub's 1 MiB beside what is
    /// there (<see cref="StepSummary.Fit"/>). A summary that cannot be written warns on stderr and
    /// never changes the gate's exit code: the verdict is what the job is for.
    /// </summary>
    /// <param name="reports">The verb's report options.</param>
    /// <param name="parse">The verb's parse result.</param>
    /// <param name="markdown">The Markdown report.</param>
    /// <param name="markdownPath">Where the whole report was written, for the note on a cut; null when it was not.</param>
    /// <param name="ct">Cancellation.</param>
    public static async Task AppendStepSummaryAsync(ReportOptions reports, ParseResult parse, string markdown, string? markdownPath, CancellationToken ct)
    {
        if (StepSummaryPath(reports, parse) is not { } summary)
        {
            return;
        }
        var error = parse.InvocationConfiguration.Error;
        var whole = markdownPath is null
            ? "not written to a file by this command (write it with --report FILE)"
            : $"{Shown(markdownPath)} (keep it with actions/upload-artifact)";
        try
        {
            var used = File.Exists(summary) ? new FileInfo(summary).Length : 0;
            var part = StepSummary.Fit(markdown, used, whole);
            if (part.Text.Length == 0)
            {
                await error.WriteLineAsync($"energygate: warning: ${StepSummaryVariable} ({summary}) is already {used.ToString("N0", CultureInfo.InvariantCulture)} bytes, at GitHub's 1 MiB limit; the report is not added. The whole report is {whole}.");
                return;
            }
            // One append of the whole part: the job summary never holds half a write of ours.
            await using var stream = new FileStream(summary, FileMode.Append, FileAccess.Write, FileShare.Read);
            await stream.WriteAsync(new UTF8Encoding(false).GetBytes(part.Text), ct);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"energygate: warning: cannot append the report to ${StepSummaryVariable} ({summary}): {ex.Message}. Pass --no-step-summary to skip it.");
        }
    }

    // Relative to the working directory where it lies below it (the workspace in Actions), else in full.
    private static string Shown(string path)
    {
        var full = Path.GetFullPath(path);
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, full);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? full : relative;
    }
}

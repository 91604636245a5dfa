using System.CommandLine;
using EnergyGate.Core.Baselines;
using EnergyGate.Core.Gating;
using EnergyGate.Core.Reporting;
using EnergyGate.Core.Reporting.Exports;
using EnergyGate.Core.Statistics;
using EnergyGate.Tool.Gating;

namespace EnergyGate.Tool.Commands;

/// <summary><c>report RESULTS</c>: render the reports for recorded results against the baselines; never fails on the verdict.</summary>
internal static class ReportCommand
{
    /// <summary>The values of <c>--format</c>.</summary>
    public static readonly string[] Formats = ["markdown", "html", "json", "github-action-benchmark", "bencher"];

    public static Command Create()
    {
        var settings = new SettingsOptions();
        var reports = new ReportOptions();
        var results = new Argument<FileInfo>("results") { Description = "Results file of `run` or `check`." };
        var baselines = new Option<string?>("--baselines") { Description = "Baselines folder (default: baselines/ next to energygate.yml)." };
        var format = new Option<string?>("--format")
        {
            Description = "Write this one format to --out (or stdout) instead of report.md: markdown, html, json, "
                + "github-action-benchmark (customSmallerIsBetter; higher-is-better figures go to OUT's .bigger.json) or bencher (Bencher Metric Format).",
        };
        format.AcceptOnlyFromAmong(Formats);
        var output = new Option<string?>("--out") { Description = "File for --format (default: stdout; --out alone writes Markdown)." };
        var command = new Command("report", "Render the Markdown (and optionally HTML, JSON and tracker exports) report for a results file, or one --format to --out or stdout; exits 0 whatever the verdict.")
        {
            results, baselines, format, output,
        };
        settings.AddTo(command);
        reports.AddTo(command);
        CommandAction.Set(command, async (parse, ct) =>
        {
            var resolved = settings.Resolve(parse, parse.GetValue(baselines));
            var (candidate, waste) = await GateSupport.CandidateAndWasteAsync(parse.GetValue(results)!.FullName, resolved, ct);
            var result = Gate.Evaluate(new BaselineStore(resolved.BaselinesDir).LoadFor(candidate), candidate, resolved.Gate, GateSupport.Today());
            var model = reports.WithTrend(parse, new ReportModel(result, resolved.Footprint, waste));
            if (parse.GetValue(format) is null && parse.GetValue(output) is null)
            {
                var report = await GateSupport.WriteReportsAsync(model, reports.MarkdownPath(parse, resolved.ResultsDir), parse.GetValue(reports.Html), parse.GetValue(reports.Json), ct);
                await GateSupport.PrintAsync(parse.InvocationConfiguration.Output, result, report, GateSupport.Lines(parse, settings));
                await GateOutputs.PublishAsync(reports, parse, result, report, ct);
                return ExitCode.Ok;
            }
            await WriteFormatAsync(parse.GetValue(format) ?? "markdown", parse.GetValue(output), model, reports, parse, GateSupport.Lines(parse, settings), ct);
            return ExitCode.Ok;
        });
        return command;
    }

    /// <summary>
    /// <c>--format</c>: the one document to <paramref name="path"/>, or alone on stdout (the verdict,
    /// findings and notes then go to stderr, so the output can be piped). --report, --html, --json and the exports
    /// are still written where given explicitly; report.md is not written by default.
    /// </summary>
    private static async Task WriteFormatAsync(string format, string? path, ReportModel model, ReportOptions reports, ParseResult parse, Diagnostics.DiagnosticLines lines, CancellationToken ct)
    {
        var result = model.Result;
        var (stdout, stderr) = (parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
        var log = path is null ? stderr : stdout;
        var markdownPath = parse.GetValue(reports.Markdown);
        if (markdownPath is not null)
        {
            await GateSupport.WriteReportsAsync(model, markdownPath, parse.GetValue(reports.Html), parse.GetValue(reports.Json), ct);
        }
        else
        {
            await WriteIfAsked(parse.GetValue(reports.Html), () => HtmlReport.Render(model), ct);
            await WriteIfAsked(parse.GetValue(reports.Json), () => JsonReport.Render(model), ct);
        }
        string? benchmarkNote = null;
        if (format == "github-action-benchmark" && path is not null)
        {
            benchmarkNote = await GateOutputs.WriteBenchmarkAsync(path, result, ct);
        }
        else
        {
            var text = format switch
            {
                "markdown" => MarkdownReport.Render(model),
                "html" => HtmlReport.Render(model),
                "json" => JsonReport.Render(model),
                "bencher" => BencherExport.Render(result),
                _ => BenchmarkActionExport.Render(result, MetricDirection.LowerIsBetter),
            };
            if (path is null)
            {
                await stdout.WriteAsync(text);
                await stdout.FlushAsync(ct);
            }
            else
            {
                await GateSupport.WriteAtomicAsync(path, text, ct);
            }
        }
        if (format == "github-action-benchmark" && path is null && BenchmarkActionExport.Entries(result, MetricDirection.HigherIsBetter) is { Count: > 0 } bigger)
        {
            await stderr.WriteLineAsync($"energygate: note: stdout holds the {BenchmarkActionExport.Entries(result, MetricDirection.LowerIsBetter).Count} lower-is-better figures only; "
                + $"the {bigger.Count} higher-is-better ones (pass@1, tokens/s) need a second file: pass --out FILE (they go to FILE's .bigger.json) or --export-benchmark FILE.");
        }
        if (path is null)
        {
            // stdout is the document: the verdict and the findings (annotations with --diagnostics github) go to stderr.
            await stderr.WriteLineAsync($"{VerdictLine.For(result)} ({format} report on stdout)");
            foreach (var finding in result.Findings)
            {
                await stderr.WriteLineAsync(lines.Finding(finding));
            }
        }
        else
        {
            await GateSupport.PrintAsync(stdout, result, path, lines);
        }
        if (benchmarkNote is not null)
        {
            await log.WriteLineAsync(benchmarkNote);
        }
        await GateOutputs.WriteExportsAsync(reports, parse, result, log, ct);
        if (GateOutputs.StepSummaryPath(reports, parse) is not null)
        {
            var wholeMarkdown = format == "markdown" ? path : markdownPath;
            await GateOutputs.AppendStepSummaryAsync(reports, parse, MarkdownReport.Render(model), wholeMarkdown, ct);
        }
    }

    private static async Task WriteIfAsked(string? path, Func<string> render, CancellationToken ct)
    {
        if (path is not null)
        {
            await GateSupport.WriteAtomicAsync(path, render(), ct);
        }
    }
}

using System.CommandLine;
using EnergyGate.Core.Baselines;
using EnergyGate.Core.Gating;
using EnergyGate.Core.Reporting;
using EnergyGate.Tool.Gating;

namespace EnergyGate.Tool.Commands;

/// <summary><c>report RESULTS</c>: render the reports for recorded results against the baselines; never fails on the verdict.</summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var settings = new SettingsOptions();
        var reports = new ReportOptions();
        var results = new Argument<FileInfo>("results") { Description = "Results file of `run` or `check`." };
        var baselines = new Option<string?>("--baselines") { Description = "Baselines folder (default: baselines/ next to energygate.yml)." };
        var command = new Command("report", "Render the Markdown (and optionally HTML and JSON) report for a results file; exits 0 whatever the verdict.") { results, baselines };
        settings.AddTo(command);
        reports.AddTo(command);
        CommandAction.Set(command, async (parse, ct) =>
        {
            var resolved = settings.Resolve(parse, parse.GetValue(baselines));
            var (candidate, waste) = await GateSupport.CandidateAndWasteAsync(parse.GetValue(results)!.FullName, resolved, ct);
            var result = Gate.Evaluate(new BaselineStore(resolved.BaselinesDir).LoadFor(candidate), candidate, resolved.Gate, GateSupport.Today());
            var report = await GateSupport.WriteReportsAsync(new ReportModel(result, resolved.Footprint, waste),
                reports.MarkdownPath(parse, resolved.ResultsDir), parse.GetValue(reports.Html), parse.GetValue(reports.Json), ct);
            await GateSupport.PrintAsync(parse.InvocationConfiguration.Output, result, report, GateSupport.Lines(parse, settings));
            return ExitCode.Ok;
        });
        return command;
    }
}

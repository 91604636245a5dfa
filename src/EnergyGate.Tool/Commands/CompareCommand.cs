using System.CommandLine;
using EnergyGate.Core.Baselines;
using EnergyGate.Core.Gating;
using EnergyGate.Tool.Gating;

namespace EnergyGate.Tool.Commands;

/// <summary>
/// <c>compare BASE HEAD</c>: gate one results file against another, e.g. the merge-base and the
/// pull request measured interleaved in the same job (the recommended way for pull requests).
/// </summary>
internal static class CompareCommand
{
    public static Command Create()
    {
        var settings = new SettingsOptions();
        var reports = new ReportOptions();
        var baseResults = new Argument<FileInfo>("base") { Description = "Results file of the base (e.g. the merge-base)." };
        var headResults = new Argument<FileInfo>("head") { Description = "Results file of the change under review." };
        var command = new Command("compare", "Gate HEAD results against BASE results with the same statistics and report as check.") { baseResults, headResults };
        settings.AddTo(command);
        command.Options.Add(settings.FailOn);
        reports.AddTo(command);
        CommandAction.Set(command, async (parse, ct) =>
        {
            var resolved = settings.Resolve(parse);
            var baseCandidate = await GateSupport.CandidateFromResultsAsync(parse.GetValue(baseResults)!.FullName, resolved, ct);
            var head = await GateSupport.CandidateFromResultsAsync(parse.GetValue(headResults)!.FullName, resolved, ct);
            // Half a base run is no baseline: its cells are reported incomplete, as the head's own are.
            head = head with { Incomplete = [.. head.Incomplete, .. baseCandidate.Incomplete.Where(b => head.Incomplete.All(h => h.Cell != b.Cell))] };
            var baseline = BaselineSet.FromDocuments(BaselineDocument.FromCandidate(baseCandidate));
            var result = Gate.Evaluate(baseline, head, resolved.Gate, GateSupport.Today());
            var report = await GateSupport.WriteReportsAsync(result, resolved.Footprint, reports.MarkdownPath(parse, resolved.ResultsDir), parse.GetValue(reports.Html), parse.GetValue(reports.Json), ct);
            await GateSupport.PrintAsync(parse.InvocationConfiguration.Output, result, report);
            return GateSupport.ExitCodeFor(result);
        });
        return command;
    }
}

using System.CommandLine;
using EnergyGate.Core;
using EnergyGate.Core.Baselines;
using EnergyGate.Core.Configuration;
using EnergyGate.Core.Gating;
using EnergyGate.Core.Measurement;
using EnergyGate.Core.Reporting;
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
        var paired = new Option<bool>("--paired")
        {
            Description = "BASE and HEAD were measured in alternating rounds (run --round R/M) from the same plan: compare repetition i with repetition i (signed-rank test).",
        };
        var command = new Command("compare", "Gate HEAD results against BASE results with the same statistics and report as check.") { baseResults, headResults, paired };
        settings.AddTo(command);
        command.Options.Add(settings.FailOn);
        reports.AddTo(command);
        CommandAction.Set(command, async (parse, ct) =>
        {
            var resolved = settings.Resolve(parse);
            var baseSummary = await RunResults.LoadAsync(parse.GetValue(baseResults)!.FullName, resolved.Suites, ct);
            var head = await RunResults.ReadAsync(parse.GetValue(headResults)!.FullName, resolved.Suites, ct);
            return await JudgeAsync(resolved, baseSummary, head.Summary, parse.GetValue(paired), WasteFindings.From(head.Records), reports, parse,
                GateSupport.Lines(parse, settings), ct);
        });
        return command;
    }

    /// <summary>
    /// Gates HEAD against BASE (paired: repetition i with repetition i), writes the reports (with HEAD's
    /// waste findings) and prints the verdict; shared with <c>ab</c>.
    /// </summary>
    public static async Task<ExitCode> JudgeAsync(ResolvedSettings resolved, RunSummaryFile baseSummary, RunSummaryFile headSummary, bool isPaired,
        WasteFindings headWaste, ReportOptions reports, ParseResult parse, Diagnostics.DiagnosticLines lines, CancellationToken ct)
    {
        var commit = GateSupport.Commit();
        var baseCandidate = CandidateBuilder.Build(baseSummary, resolved.MachineClass, commit);
        var head = CandidateBuilder.Build(headSummary, resolved.MachineClass, commit);
        if (isPaired && Pairing.Problems(baseSummary.Header, baseCandidate, headSummary.Header, head) is { Count: > 0 } problems)
        {
            throw new EnergyGateException(
                $"EG2058: --paired needs base and head measured from one plan in alternating rounds: {string.Join("; ", problems)}. "
                + "Record both with the same energygate.yml and `run --round R/M --resume`, or compare without --paired (each file is then one run).");
        }
        // Half a base run is no baseline: its cells are reported incomplete, as the head's own are.
        head = head with { Incomplete = [.. head.Incomplete, .. baseCandidate.Incomplete.Where(b => head.Incomplete.All(h => h.Cell != b.Cell))] };
        // Unpaired, the base file is one run: its repetitions say nothing about drift between runs.
        var baseline = BaselineSet.FromDocuments(isPaired ? BaselineEvidence.Paired : BaselineEvidence.Runs, BaselineDocument.FromCandidate(baseCandidate));
        var result = Gate.Evaluate(baseline, head, resolved.Gate, GateSupport.Today());
        var report = await GateSupport.WriteReportsAsync(reports.WithTrend(parse, new ReportModel(result, resolved.Footprint, headWaste)), reports.MarkdownPath(parse, resolved.ResultsDir), parse.GetValue(reports.Html), parse.GetValue(reports.Json), ct);
        await GateSupport.PrintAsync(parse.InvocationConfiguration.Output, result, report, lines);
        await GateOutputs.PublishAsync(reports, parse, result, report, ct);
        return GateSupport.ExitCodeFor(result);
    }
}

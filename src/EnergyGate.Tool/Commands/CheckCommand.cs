using System.CommandLine;
using EnergyGate.Core.Baselines;
using EnergyGate.Core.Diagnostics;
using EnergyGate.Core.Gating;
using EnergyGate.Core.Reporting;
using EnergyGate.Tool.Gating;

namespace EnergyGate.Tool.Commands;

/// <summary>
/// <c>check</c>: measure the plan (or take <c>--results</c> recorded earlier), compare it with the
/// committed baselines, write the report, and exit 0 / 1 (regression) / 3 (inconclusive, when the
/// policy fails on it).
/// </summary>
internal static class CheckCommand
{
    public static Command Create()
    {
        var settings = new SettingsOptions();
        var reports = new ReportOptions();
        var results = new Option<FileInfo?>("--results") { Description = "Gate a results file recorded earlier instead of measuring (e.g. on a machine without the hardware)." };
        var baselines = new Option<string?>("--baselines") { Description = "Baselines folder (default: baselines/ next to energygate.yml)." };
        var parts = new PartOptions();
        var command = new Command("check", "Measure, compare with the baselines, report, and fail on an energy regression or accuracy drop.") { results, baselines, parts.Shard };
        settings.AddRunOptionsTo(command);
        reports.AddTo(command);
        CommandAction.Set(command, async (parse, ct) =>
        {
            var resolved = settings.Resolve(parse, parse.GetValue(baselines));
            if (parts.ShardOf(parse) is { } shard)
            {
                return await MeasureShardAsync(settings, parse, resolved, shard, parse.GetValue(results) is not null, ct);
            }
            CandidateSet candidate;
            WasteFindings waste;
            if (parse.GetValue(results) is { } file)
            {
                (candidate, waste) = await GateSupport.CandidateAndWasteAsync(file.FullName, resolved, ct);
            }
            else
            {
                var outcome = await RunCommand.ExecuteAsync(settings, parse, null, false, ct);
                using var building = RunPhases.Start(RunPhases.Compare);
                candidate = Core.Measurement.CandidateBuilder.Build(outcome.Summary, resolved.MachineClass, GateSupport.Commit());
                waste = WasteFindings.From(outcome.Records);
            }
            var comparing = RunPhases.Start(RunPhases.Compare);
            var baseline = new BaselineStore(resolved.BaselinesDir).LoadFor(candidate);
            var result = Gate.Evaluate(baseline, candidate, resolved.Gate, GateSupport.Today());
            comparing?.Dispose();
            using var reporting = RunPhases.Start(RunPhases.Reports);
            var report = await GateSupport.WriteReportsAsync(reports.WithTrend(parse, new ReportModel(result, resolved.Footprint, waste)),
                reports.MarkdownPath(parse, resolved.ResultsDir), parse.GetValue(reports.Html), parse.GetValue(reports.Json), ct);
            await GateSupport.PrintAsync(parse.InvocationConfiguration.Output, result, report, GateSupport.Lines(parse, settings));
            await GateOutputs.PublishAsync(reports, parse, result, report, ct);
            return GateSupport.ExitCodeFor(result);
        });
        return command;
    }

    /// <summary>
    /// One shard of a CI matrix: measures its part of the plan into
    /// <c>RESULTS-DIR/shard-I-of-N.jsonl</c> and stops. A part is not gated against baselines of
    /// the whole; the job after the matrix merges every shard and runs <c>check --results</c>.
    /// </summary>
    private static async Task<ExitCode> MeasureShardAsync(SettingsOptions settings, ParseResult parse, Core.Configuration.ResolvedSettings resolved,
        Core.Measurement.Sharding.PartSpec shard, bool hasResults, CancellationToken ct)
    {
        if (hasResults)
        {
            throw new Core.EnergyGateException("--shard measures a part of the plan and cannot gate --results; merge the shards with `merge`, then run `check --results MERGED` without --shard.");
        }
        var path = Path.Combine(resolved.ResultsDir, $"shard-{shard.Index}-of-{shard.Count}.jsonl");
        if (File.Exists(path))
        {
            throw new Core.EnergyGateException($"{path} exists already: move it away, pass another --results-dir, or continue it with `run --shard {shard} --results {path} --resume`.");
        }
        var outcome = await RunCommand.ExecuteAsync(settings, parse, path, false, shard, null, ct);
        var output = parse.InvocationConfiguration.Output;
        await output.WriteLineAsync(RunOutput.Text(outcome));
        await output.WriteLineAsync($"Shard {shard} recorded, not gated: merge every shard's file (`dotnet energygate merge shard-*.jsonl --out merged.jsonl`), then gate with `check --results merged.jsonl`.");
        return ExitCode.Ok;
    }
}

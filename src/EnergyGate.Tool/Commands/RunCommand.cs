using System.CommandLine;
using EnergyGate.Core.Energy;
using EnergyGate.Core.Measurement;

namespace EnergyGate.Tool.Commands;

/// <summary>
/// <c>run</c>: measures the configured plan (suites x models x runtimes, with repetitions) and
/// writes the results JSONL and a summary; <c>--resume</c> continues an interrupted run.
/// </summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var settings = new SettingsOptions();
        var results = new Option<FileInfo?>("--results") { Description = "Results file to write (default: a new file in the results folder)." };
        var resume = new Option<bool>("--resume") { Description = "Continue the --results file of an interrupted run: no sample lost or repeated." };
        var parts = new PartOptions();
        var command = new Command("run", "Measure energy per inference phase for every cell of the plan and score the outputs.") { results, resume, parts.Shard, parts.Round };
        settings.AddRunOptionsTo(command);
        CommandAction.Set(command, async (parse, ct) =>
        {
            var outcome = await ExecuteAsync(settings, parse, parse.GetValue(results)?.FullName, parse.GetValue(resume), parts.ShardOf(parse), parts.RoundOf(parse), ct);
            await parse.InvocationConfiguration.Output.WriteLineAsync(RunOutput.Text(outcome));
            return ExitCode.Ok;
        });
        return command;
    }

    /// <summary>Shared with <c>check</c> and <c>baseline update</c>: the whole plan.</summary>
    public static Task<RunOutcome> ExecuteAsync(SettingsOptions settings, ParseResult parse, string? resultsPath, bool resume, CancellationToken ct) =>
        ExecuteAsync(settings, parse, resultsPath, resume, null, null, ct);

    /// <summary>Resolve, run (the whole plan, or a shard or round of it), score, summarise.</summary>
    public static async Task<RunOutcome> ExecuteAsync(SettingsOptions settings, ParseResult parse, string? resultsPath, bool resume,
        Core.Measurement.Sharding.PartSpec? shard, Core.Measurement.Sharding.PartSpec? round, CancellationToken ct)
    {
        var resolved = settings.Resolve(parse);
        if (resume && resultsPath is null)
        {
            throw new Core.EnergyGateException("--resume needs --results FILE: the results file of the run to continue.");
        }
        if (parse.GetValue(settings.CheckSuite))
        {
            await SuiteCheckCommand.EnsureCanonicalPassAsync(resolved, ct);
        }
        // Time for people, a random suffix so two runs in the same second never collide.
        resultsPath ??= Path.Combine(resolved.ResultsDir, $"run-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Guid.NewGuid().ToString("N")[..6]}.jsonl");
        var discovering = Core.Diagnostics.RunPhases.Start(Core.Diagnostics.RunPhases.Meters);
        var meters = EnergyMeters.CreateAll(Core.Runtimes.Served.ServedMeters.Environment(resolved, MeterEnvironment.System), resolved.Measurement.Estimate, resolved.Measurement.Gpus);
        discovering?.Dispose();
        try
        {
            var error = parse.InvocationConfiguration.Error;
            using var display = new RunProgressDisplay(error, Console.IsErrorRedirected);
            var run = new MeasurementRun(resolved, RuntimeRegistry.Get, meters) { Shard = shard, Round = round };
            return await run.ExecuteAsync(resultsPath, resume, ToolVersion.Informational, SettingsOptions.ProcessEnvironment(), display, ct);
        }
        catch (OperationCanceledException ex) when (ct.IsCancellationRequested)
        {
            throw new RunStoppedException(resultsPath, File.Exists(resultsPath), ex);
        }
        finally
        {
            foreach (var meter in meters)
            {
                meter.Dispose();
            }
        }
    }
}

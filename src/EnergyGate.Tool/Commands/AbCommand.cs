using System.CommandLine;
using EnergyGate.Core.Energy;
using EnergyGate.Core.Measurement;

namespace EnergyGate.Tool.Commands;

/// <summary>
/// <c>ab --base-config BASE.yml</c>: measures the base configuration and the head's (--config, else
/// ./energygate.yml) in one process, alternating pass by pass (ABBA by repetition), and gates the head
/// against the base with the paired test: the protocol for a change that is only configuration.
/// </summary>
internal static class AbCommand
{
    public static Command Create()
    {
        var settings = new SettingsOptions();
        var reports = new ReportOptions();
        var baseConfig = new Option<FileInfo>("--base-config")
        {
            Description = "Configuration of the base side (e.g. `git show origin/main:energygate.yml > base.yml`); --config is the head's.",
            Required = true,
        };
        var command = new Command("ab",
            "Measure a base and a head configuration interleaved in one process (ABBA) and gate the head against the base pair by pair.") { baseConfig };
        settings.AddRunOptionsTo(command);
        reports.AddTo(command);
        CommandAction.Set(command, async (parse, ct) =>
        {
            var basePath = parse.GetValue(baseConfig)!.FullName;
            if (!File.Exists(basePath))
            {
                throw new Core.EnergyGateException($"--base-config {basePath}: no such file. Write the base side's energygate.yml there (e.g. from the merge-base).");
            }
            var head = settings.Resolve(parse);
            var baseSettings = settings.ResolveFile(parse, basePath);
            var stem = Path.Combine(head.ResultsDir, $"ab-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Guid.NewGuid().ToString("N")[..6]}");
            var (baseOutcome, headOutcome) = await MeasureAsync(baseSettings, head, $"{stem}-base.jsonl", $"{stem}-head.jsonl", parse, ct);
            var output = parse.InvocationConfiguration.Output;
            await output.WriteLineAsync($"base: {baseOutcome.ResultsPath}\nhead: {headOutcome.ResultsPath}");
            await output.WriteLineAsync(RunOutput.Text(headOutcome));
            return await CompareCommand.JudgeAsync(head, baseOutcome.Summary, headOutcome.Summary, isPaired: true,
                Core.Reporting.WasteFindings.From(headOutcome.Records), reports, parse, Gating.GateSupport.Lines(parse, settings), ct);
        });
        return command;
    }

    private static async Task<(RunOutcome Base, RunOutcome Head)> MeasureAsync(
        Core.Configuration.ResolvedSettings baseSettings, Core.Configuration.ResolvedSettings head, string basePath, string headPath, ParseResult parse, CancellationToken ct)
    {
        Directory.CreateDirectory(head.ResultsDir);
        var meters = EnergyMeters.CreateAll(Core.Runtimes.Served.ServedMeters.Environment(head, MeterEnvironment.System), head.Measurement.Estimate, head.Measurement.Gpus);
        try
        {
            using var display = new RunProgressDisplay(parse.InvocationConfiguration.Error, Console.IsErrorRedirected);
            var job = new InterleavedRun(baseSettings, head, RuntimeRegistry.Get, meters);
            return await job.ExecuteAsync(basePath, headPath, ToolVersion.Informational, SettingsOptions.ProcessEnvironment(), display, ct);
        }
        catch (OperationCanceledException ex) when (ct.IsCancellationRequested)
        {
            throw new RunStoppedException(headPath, File.Exists(headPath), ex);
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

using System.CommandLine;
using System.Globalization;
using EnergyGate.Core;
using EnergyGate.Core.Configuration;
using EnergyGate.Core.Datasets;
using EnergyGate.Core.Scoring;

namespace EnergyGate.Tool.Commands;

/// <summary>
/// <c>doctor</c>: what this machine can do for EnergyGate, checked for real (python found and run,
/// the sandbox started and its isolation reported, datasets verified), each with what to do if not.
/// </summary>
internal static class DoctorCommand
{
    public static Command Create()
    {
        var settings = new SettingsOptions();
        var command = new Command("doctor", "Check python, the scoring sandbox, the dataset cache, runtimes and energy meters on this machine.");
        settings.AddTo(command);
        CommandAction.Set(command, async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var resolved = settings.Resolve(parse);
            var healthy = true;
            await output.WriteLineAsync($"EnergyGate {ToolVersion.Informational}, {ToolFlavor.Describe(ToolFlavor.Current)}");

            await output.WriteLineAsync("Python (scoring):");
            PythonInterpreter? python = null;
            try
            {
                python = PythonInterpreter.Locate(resolved.Python, Environment.GetEnvironmentVariable("PATH"));
                await output.WriteLineAsync($"  ok      {python.Path} ({python.Version})");
            }
            catch (EnergyGateException ex)
            {
                healthy = false;
                await output.WriteLineAsync($"  MISSING {ex.Message}");
            }

            await output.WriteLineAsync("Sandbox:");
            if (python is not null)
            {
                healthy &= await CheckSandbox(python, resolved, output, ct);
            }
            else
            {
                await output.WriteLineAsync("  skipped (no python)");
            }

            await output.WriteLineAsync($"Dataset cache: {resolved.CacheDir}");
            var cached = await new DatasetCache(resolved.CacheDir).ListAsync(ct);
            foreach (var dataset in KnownDatasets.All)
            {
                var entry = cached.FirstOrDefault(c => c.Dataset.Name == dataset.Name);
                await output.WriteLineAsync(entry switch
                {
                    null => $"  absent  {dataset.Name} (run `dotnet energygate datasets pull {dataset.Name}` or pass --data-dir)",
                    { Verified: true } => string.Create(CultureInfo.InvariantCulture, $"  ok      {dataset.Name} {entry.Path} ({entry.SizeBytes / 1024.0:0} KiB, sha256 verified)"),
                    _ => $"  BAD     {dataset.Name} {entry.Path}: sha256 {entry.ActualSha256} does not match; pull it again",
                });
            }
            await output.WriteLineAsync("  built-in: smoke (embedded, always available)");
            await DoctorRuntimeAndMeters.WriteRuntimesAsync(output);
            await DoctorRuntimeAndMeters.WriteMetersAsync(output, resolved.Measurement);
            return healthy ? ExitCode.Ok : ExitCode.UsageOrToolError;
        });
        return command;
    }

    private static async Task<bool> CheckSandbox(PythonInterpreter python, ResolvedSettings resolved, TextWriter output, CancellationToken ct)
    {
        await using var executor = await SandboxExecutor.StartAsync(python, resolved.Sandbox with { Workers = 1 }, SettingsOptions.ProcessEnvironment(), ct);
        var probe = await executor.ExecuteAsync("assert 1 + 1 == 2\n", ct);
        var works = probe.Outcome == SampleOutcome.Passed;
        await output.WriteLineAsync(works ? "  ok      a probe program ran and was recognised as passed" : $"  BROKEN  probe program: {probe.HumanEvalResult}");
        foreach (var line in executor.Isolation.Describe())
        {
            await output.WriteLineAsync($"          {line}");
        }
        await output.WriteLineAsync(FormattableString.Invariant($"          workers: {resolved.Sandbox.Workers}"));
        return works;
    }
}

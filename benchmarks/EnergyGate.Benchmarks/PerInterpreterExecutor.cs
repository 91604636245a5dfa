using System.Diagnostics;
using EnergyGate.Core.Scoring;

namespace EnergyGate.Benchmarks;

/// <summary>
/// The straightforward design the sandbox is compared with: one fresh `python3` process per sample,
/// same timeout and allow-listed environment, no limits beyond that (so it is, if anything, cheaper).
/// </summary>
internal sealed class PerInterpreterExecutor(PythonInterpreter python, SandboxOptions options) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(options.Workers, options.Workers);

    public async Task<SampleOutcome> ExecuteAsync(string program)
    {
        await _slots.WaitAsync();
        try
        {
            var info = new ProcessStartInfo(python.Path, ["-I", "-B", "-c", program])
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = Path.GetTempPath(),
            };
            info.Environment.Clear();
            info.Environment["PATH"] = "/usr/bin:/bin";
            using var process = Process.Start(info)!;
            var drainOut = process.StandardOutput.ReadToEndAsync();
            var drainErr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(options.Timeout);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                return SampleOutcome.TimedOut;
            }
            await Task.WhenAll(drainOut, drainErr);
            return process.ExitCode == 0 ? SampleOutcome.Passed : SampleOutcome.Failed;
        }
        finally
        {
            _slots.Release();
        }
    }

    public void Dispose() => _slots.Dispose();
}

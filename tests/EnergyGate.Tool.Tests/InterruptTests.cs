using System.Diagnostics;
using EnergyGate.Core.Measurement;

namespace EnergyGate.Tool.Tests;

/// <summary>Ctrl-C on a real `run` in a child process: a clean stop, exit 130, a journal that resumes.</summary>
public sealed class InterruptTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("energygate-interrupt-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [UnixFact]
    public async Task The_first_ctrl_c_stops_a_run_cleanly_and_leaves_a_journal_to_resume()
    {
        var results = Path.Combine(_dir, "run.jsonl");
        // 200 repetitions of the default plan take minutes, so the signal always lands mid-run.
        using var tool = StartTool("run", "--repetitions", "200", "--results", results, "--cache-dir", _dir, "--meter", "estimate");
        var stderr = tool.StandardError.ReadToEndAsync();
        var stdout = tool.StandardOutput.ReadToEndAsync();
        await WaitForSamplesAsync(results, tool);

        using (var kill = Process.Start("kill", ["-INT", tool.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await tool.WaitForExitAsync(deadline.Token);

        var error = await stderr;
        await stdout;
        Assert.True(tool.ExitCode == 130, error);
        Assert.Contains($"energygate: stopped; resume with --resume --results {results}", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);   // no stack trace
        var (records, validLength) = await ResultsJournal.ReadAsync(results);
        Assert.Equal(new FileInfo(results).Length, validLength);            // no torn last line
        Assert.Contains(records, r => r is SampleRecord);
    }

    /// <summary>
    /// Through python3 (which scoring needs anyway), restoring SIGINT's default: a child started from a
    /// background job inherits SIGINT ignored, and .NET then never sees Ctrl-C.
    /// </summary>
    private static Process StartTool(params string[] args)
    {
        var tool = Path.Combine(AppContext.BaseDirectory, "dotnet-energygate.dll");
        var info = new ProcessStartInfo("python3",
            ["-c", "import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.execvp(sys.argv[1], sys.argv[1:])", "dotnet", tool, .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        return Process.Start(info) ?? throw new InvalidOperationException("python3 did not start");
    }

    /// <summary>
    /// Counted by `grep`: the run holds its journal under an exclusive lock, which .NET's own readers
    /// respect (they take a shared one and are refused), as a second `run` should be.
    /// </summary>
    private static async Task<int> SampleLinesAsync(string path)
    {
        using var grep = Process.Start(new ProcessStartInfo("grep", ["-c", "\"type\":\"sample\"", path]) { RedirectStandardOutput = true, UseShellExecute = false })!;
        var output = await grep.StandardOutput.ReadToEndAsync();
        await grep.WaitForExitAsync();
        return int.TryParse(output.Trim(), System.Globalization.CultureInfo.InvariantCulture, out var lines) ? lines : 0;
    }

    private static async Task WaitForSamplesAsync(string results, Process tool)
    {
        for (var waited = 0; waited < 600; waited++)
        {
            // Two samples (the header and the noise probes come first): the run is past preparation and writing.
            if (File.Exists(results) && await SampleLinesAsync(results) >= 2)
            {
                return;
            }
            Assert.False(tool.HasExited, "the run ended before it was interrupted");
            await Task.Delay(200);
        }
        tool.Kill();
        Assert.Fail("the run wrote no samples within 2 minutes");
    }
}

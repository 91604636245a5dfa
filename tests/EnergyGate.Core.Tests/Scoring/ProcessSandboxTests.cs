using EnergyGate.Core.Scoring;

namespace EnergyGate.Core.Tests.Scoring;

/// <summary>
/// The plain-process fallback (no bubblewrap): it kills what a sample leaves behind and says what
/// it cannot isolate. As root its samples drop to nobody only where nobody can read the
/// interpreter, so the escape tests of the bubblewrap class are not promised here (docs/sandbox.md).
/// </summary>
public sealed class ProcessSandboxTests(ProcessSandboxFixture fixture) : IClassFixture<ProcessSandboxFixture>
{
    [Fact]
    public void The_fallback_says_what_it_does_not_isolate()
    {
        var isolation = fixture.Executor.Isolation;
        Assert.Equal(SandboxMechanism.Process, isolation.Mechanism);
        var lines = isolation.Describe().ToList();
        Assert.Contains(lines, l => l.Contains("samples can see the machine's processes", StringComparison.Ordinal));
        Assert.True(isolation.OtherProcessesVisible > 0);
        if (isolation.SampleUid == 0)
        {
            Assert.Contains(lines, l => l.StartsWith("samples run as: uid 0", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task A_daemon_fails_the_sample_and_is_killed_by_the_subreaper()
    {
        // The daemon names itself (comm) so this test finds it alone among other runs' processes.
        var name = $"eg{Guid.NewGuid():N}"[..15];
        var result = await fixture.Executor.ExecuteAsync(
            "import ctypes, time\nlibc = ctypes.CDLL(None)\nif libc.fork() == 0:\n    libc.setsid()\n" +
            $"    if libc.fork() == 0:\n        libc.prctl(15, b'{name}', 0, 0, 0)\n        time.sleep(60)\n    libc._exit(0)\ntime.sleep(0.2)\n");
        Assert.Equal(SampleOutcome.Failed, result.Outcome);
        Assert.Matches(@"left [12] process\(es\) running", result.Message);   // 2 when the middle process has not exited yet on a loaded machine
        var survivors = Directory.GetDirectories("/proc").Select(Path.GetFileName)
            .Where(p => p!.All(char.IsAsciiDigit) && Read($"/proc/{p}/comm").Trim() == name && !Read($"/proc/{p}/stat").Contains(") Z", StringComparison.Ordinal));
        Assert.Empty(survivors);
    }

    private static string Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return "";
        }
    }
}

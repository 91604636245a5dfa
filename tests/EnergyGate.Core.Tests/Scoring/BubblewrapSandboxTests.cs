using EnergyGate.Core.Scoring;

namespace EnergyGate.Core.Tests.Scoring;

/// <summary>The escapes against bubblewrap, and what the isolation reports about itself there.</summary>
public sealed class BubblewrapSandboxTests(BubblewrapSandboxFixture fixture)
    : SandboxEscapeTests(fixture.Executor), IClassFixture<BubblewrapSandboxFixture>
{
    [BubblewrapFact]
    public void Samples_run_unprivileged_alone_in_their_own_namespaces()
    {
        var isolation = fixture.Executor.Isolation;
        Assert.Equal(SandboxMechanism.Bubblewrap, isolation.Mechanism);
        Assert.Equal(65534, isolation.SampleUid);
        Assert.True(isolation.NoCapabilities, isolation.SampleCapabilities);
        Assert.Equal(0, isolation.OtherProcessesVisible);
        Assert.Empty(isolation.WritablePaths);
        Assert.True(isolation.NetworkIsolated);
        Assert.Contains(isolation.Describe(), l => l.StartsWith("isolation: bubblewrap", StringComparison.Ordinal));
    }

    [BubblewrapFact]
    public async Task Nothing_outside_the_scratch_folder_is_writable_and_secrets_of_the_host_are_absent()
    {
        var result = await Run(
            "import os\n" +
            "for path in ('/usr/escape', '/escape', '/etc/escape', '/dev/shm/escape'):\n" +
            "    try:\n" +
            "        open(path, 'w').write('x')\n" +
            "        raise AssertionError('wrote ' + path)\n" +
            "    except OSError:\n" +
            "        pass\n" +
            "assert not os.path.exists('/etc/shadow') and not os.path.exists('/root/.ssh'), 'host secrets visible'\n" +
            "open('scratch.txt', 'w').write('fine')\n");
        Assert.Equal(SampleOutcome.Passed, result.Outcome);
    }
}


using System.Net;
using System.Net.Sockets;
using EnergyGate.Core.Scoring;

namespace EnergyGate.Core.Tests.Scoring;

/// <summary>
/// The escapes a hostile tester found as root (the hardening issue), each written as a program
/// that passes only when the escape works: every one must fail, whatever mechanism is in force.
/// They call libc through ctypes, which the destructive-call guard does not cover, so they test
/// the isolation itself. This process stands for the tool.
/// </summary>
public abstract class SandboxEscapeTests(SandboxExecutor sandbox)
{
    private static readonly int ToolPid = Environment.ProcessId;

    protected Task<ExecutionResult> Run(string program) => sandbox.ExecuteAsync(program);

    [Fact]
    public async Task Joining_the_tools_network_namespace_does_not_bring_the_network_back()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var result = await Run(
            "import ctypes, os, socket\n" +
            $"fd = os.open('/proc/{ToolPid}/ns/net', os.O_RDONLY)\n" +
            "assert ctypes.CDLL(None, use_errno=True).setns(fd, 0x40000000) == 0, 'setns refused'\n" +
            $"socket.create_connection(('127.0.0.1', {port}), timeout=1).sendall(b'escaped')\n");
        Assert.NotEqual(SampleOutcome.Passed, result.Outcome);
        await Task.Delay(100);
        Assert.False(listener.Pending(), "the sample reached a listener of the tool's network");
    }

    [Fact]
    public async Task The_tools_environment_cannot_be_read_through_proc()
    {
        var result = await Run($"raise RuntimeError(open('/proc/{ToolPid}/environ', 'rb').read().decode('latin-1'))\n");
        Assert.Equal(SampleOutcome.Failed, result.Outcome);
        Assert.DoesNotContain("PATH=", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_tools_working_folder_cannot_be_written_through_proc()
    {
        var name = $"escape-{Guid.NewGuid():N}.txt";
        var result = await Run($"open('/proc/{ToolPid}/cwd/{name}', 'w').write('escaped')\n");
        Assert.Equal(SampleOutcome.Failed, result.Outcome);
        Assert.False(File.Exists(Path.Combine(Environment.CurrentDirectory, name)));
    }

    [Fact]
    public async Task The_tool_cannot_be_signalled()
    {
        // Signal 0 only asks whether a signal could be sent: SIGSTOP would freeze this test run.
        var result = await Run($"import ctypes\nassert ctypes.CDLL(None).kill({ToolPid}, 0) == 0, 'cannot signal the tool'\n");
        Assert.Equal(SampleOutcome.Failed, result.Outcome);
        Assert.Contains("cannot signal the tool", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_double_forked_daemon_fails_the_sample_and_is_killed()
    {
        var daemon =
            "import ctypes, time\n" +
            "libc = ctypes.CDLL(None)\n" +
            "if libc.fork() == 0:\n" +
            "    libc.setsid()\n" +
            "    if libc.fork() == 0:\n" +
            "        time.sleep(60)\n" +
            "    libc._exit(0)\n" +
            "time.sleep(0.2)\n";
        var result = await Run(daemon);
        Assert.Equal(SampleOutcome.Failed, result.Outcome);
        Assert.Matches(@"left [12] process\(es\) running", result.Message);   // 2 when the middle process has not exited yet on a loaded machine
        // The supervisor killed it before answering: a later sample sees no other process of the sandbox.
        var after = await Run(
            "import os\n" +
            "def alive(p):\n" +
            "    try:\n" +
            "        return open('/proc/%s/stat' % p).read().rsplit(')', 1)[1].split()[0] not in 'ZX'\n" +
            "    except OSError:\n" +
            "        return False\n" +
            // The sandbox's own: this process, the zygote it was forked from, the supervisor, init.
            "zygote = os.getppid()\n" +
            "mine = {os.getpid(), zygote, int(open('/proc/%d/stat' % zygote).read().rsplit(')', 1)[1].split()[1]), 1}\n" +
            "sleepers = [p for p in os.listdir('/proc') if p.isdigit() and int(p) not in mine and alive(p)\n" +
            "            and b'sandbox_supervisor' in open('/proc/%s/cmdline' % p, 'rb').read() and os.stat('/proc/' + p).st_uid == os.getuid()\n" +
            "            and int(open('/proc/%s/stat' % p).read().rsplit(')', 1)[1].split()[2]) != os.getpgrp()]\n" +
            "assert not sleepers, sleepers\n");
        Assert.Equal(SampleOutcome.Passed, after.Outcome);
    }

    [Fact]
    public async Task Stopping_the_supervisor_fails_only_that_sample()
    {
        // As root the child cannot signal its supervisor at all; where both run as one uid, the
        // tool's watchdog replaces the stopped supervisor. Either way the sample fails and the
        // sandbox keeps working.
        var result = await Run("import ctypes, os\nassert ctypes.CDLL(None).kill(os.getppid(), 19) == 0, 'cannot stop the supervisor'\n");
        Assert.Equal(SampleOutcome.Failed, result.Outcome);
        Assert.True(
            result.Message.Contains("cannot stop the supervisor", StringComparison.Ordinal) || result.Message.Contains("did not answer", StringComparison.Ordinal),
            result.Message);
        Assert.Equal(SampleOutcome.Passed, (await Run("assert 1 + 1 == 2\n")).Outcome);
    }
}

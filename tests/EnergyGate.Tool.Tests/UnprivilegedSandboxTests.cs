using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace EnergyGate.Tool.Tests;

/// <summary>
/// `score humaneval` run by an unprivileged user (uid 65534 through setpriv, from a root test run
/// as in CI) on samples that pass only when they escape: see the tool, write outside their
/// folder, reach the tool's loopback, or leave a daemon behind. Every one must fail; a control
/// sample must pass. Root runs of the same escapes are in the Core sandbox tests.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class UnprivilegedSandboxTests
{
    private const string Completion = "    return number % 1.0\n";

    [UnprivilegedFact]
    public async Task Samples_of_an_unprivileged_run_cannot_escape_either()
    {
        var dir = Directory.CreateTempSubdirectory("energygate-unprivileged-").FullName;
        try
        {
            File.SetUnixFileMode(dir, (UnixFileMode)0x1FF);   // rwx for all: the unprivileged tool writes its results here
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            var marker = Path.Combine(dir, "escaped.txt");
            string[] completions =
            [
                Completion,
                "    import os\n    assert any(b'dotnet-energygate' in open('/proc/%s/cmdline' % p, 'rb').read() for p in os.listdir('/proc') if p.isdigit()), 'tool invisible'\n" + Completion,
                $"    open('{marker}', 'w').write('escaped')\n" + Completion,
                $"    import socket\n    socket.create_connection(('127.0.0.1', {port}), timeout=1).sendall(b'escaped')\n" + Completion,
                "    import ctypes, time\n    libc = ctypes.CDLL(None)\n    if libc.fork() == 0:\n        libc.setsid()\n        if libc.fork() == 0:\n            time.sleep(60)\n        libc._exit(0)\n    time.sleep(0.2)\n" + Completion,
            ];
            var samples = Path.Combine(dir, "samples.jsonl");
            await File.WriteAllLinesAsync(samples, completions.Select(c => JsonSerializer.Serialize(new { task_id = "HumanEval/2", completion = c })));
            var data = Directory.CreateDirectory(Path.Combine(dir, "data")).FullName;
            File.Copy(Path.Combine(ToolRunner.HumanEvalDir, "HumanEval.jsonl.gz"), Path.Combine(data, "HumanEval.jsonl.gz"));
            var (code, output, error) = await RunAsNobodyAsync(dir, "score", "humaneval", "--samples", samples, "--data-dir", data, "--timeout", "3", "--workers", "1", "--format", "json");
            Assert.True(code == 0, $"exit {code}: {error}");
            using var json = JsonDocument.Parse(output);
            var sandbox = json.RootElement.GetProperty("sandbox");
            Assert.Equal("bubblewrap", sandbox.GetProperty("isolation").GetString());
            Assert.Equal(65534, sandbox.GetProperty("sample_uid").GetInt32());
            Assert.Equal(0, sandbox.GetProperty("other_processes_visible").GetInt32());
            var results = (await File.ReadAllLinesAsync(samples + "_results.jsonl")).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("result").GetString()).ToList();
            Assert.Equal("passed", results[0]);
            Assert.Contains("tool invisible", results[1], StringComparison.Ordinal);
            Assert.All(results.Skip(2), r => Assert.StartsWith("failed", r, StringComparison.Ordinal));
            Assert.Contains("process(es) running after the program ended", results[4], StringComparison.Ordinal);   // one daemon per call of the candidate
            Assert.False(File.Exists(marker));
            Assert.False(listener.Pending());
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static async Task<(int Code, string Output, string Error)> RunAsNobodyAsync(string home, params string[] args)
    {
        var tool = Path.Combine(await StageToolAsync(home), "dotnet-energygate.dll");
        var info = new ProcessStartInfo("setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", "dotnet", "exec", tool, .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = home,
        };
        info.Environment.Clear();
        info.Environment["PATH"] = "/usr/local/bin:/usr/bin:/bin";   // not root's pyenv, which nobody cannot read
        info.Environment["HOME"] = home;
        info.Environment["DOTNET_CLI_HOME"] = home;
        info.Environment["DOTNET_ROOT"] = Path.GetDirectoryName(Environment.ProcessPath) is { } root && File.Exists(Path.Combine(root, "dotnet")) ? root : "/usr/share/dotnet";
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
        return (process.ExitCode, await output, await error);
    }

    /// <summary>
    /// The tool's build output under <paramref name="home"/>: the checkout may sit below a folder
    /// nobody cannot enter (mktemp -d makes 0700 ones). Hard links cost nothing on one file system;
    /// elsewhere it is copied.
    /// </summary>
    private static async Task<string> StageToolAsync(string home)
    {
        var built = Path.Combine(ToolRunner.RepoRoot, "src", "EnergyGate.Tool", "bin", Configuration, "net10.0");
        var staged = Path.Combine(home, "tool");
        foreach (var flags in new[] { "-al", "-a" })
        {
            using var cp = Process.Start(new ProcessStartInfo("cp", [flags, built, staged]) { UseShellExecute = false, RedirectStandardError = true })!;
            await cp.WaitForExitAsync();
            if (cp.ExitCode == 0)
            {
                return staged;
            }
            if (Directory.Exists(staged))
            {
                Directory.Delete(staged, recursive: true);
            }
        }
        throw new InvalidOperationException($"could not copy {built} to {staged}");
    }

    private static string Configuration => new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
}

/// <summary>Needs root (to switch to uid 65534), setpriv and bubblewrap; skipped with the reason elsewhere.</summary>
public sealed class UnprivilegedFactAttribute : FactAttribute
{
    public UnprivilegedFactAttribute()
    {
        if (!OperatingSystem.IsLinux() || !Environment.IsPrivilegedProcess)
        {
            Skip = "needs Linux and root, to run the tool as uid 65534";
        }
        else if (!OnPath("setpriv") || !OnPath("bwrap"))
        {
            Skip = "needs setpriv (util-linux) and bwrap (bubblewrap) on PATH";
        }
        else if (!File.Exists("/usr/bin/python3"))
        {
            Skip = "needs /usr/bin/python3, which an unprivileged user can run";
        }
    }

    private static bool OnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries).Any(d => File.Exists(Path.Combine(d, name)));
}

using System.Diagnostics;
using EnergyGate.Core.Energy;
using EnergyGate.Core.Energy.Estimate;
using EnergyGate.Core.Tests.TestSupport;

namespace EnergyGate.Core.Tests.Runtimes.Served;

/// <summary>The CPU time of a server's process tree, from a fake /proc and from a real child process.</summary>
public sealed class ProcessTreeCpuTimeTests
{
    /// <summary>A stat line: pid (comm) state ppid ... utime stime cutime cstime at fields 14-17.</summary>
    private static string Stat(int pid, string comm, int ppid, int utime, int stime, int cutime, int cstime) =>
        $"{pid} ({comm}) S {ppid} {pid} {pid} 0 -1 4194304 100 0 0 0 {utime} {stime} {cutime} {cstime} 20 0 1 0 100 1000 10\n";

    private static string FakeProc(TempDir dir, params (int Pid, string Comm, int PPid, int U, int S, int CU, int CS, string Cmdline)[] processes)
    {
        var proc = dir.File("proc");
        foreach (var p in processes)
        {
            var folder = Path.Combine(proc, p.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, "stat"), Stat(p.Pid, p.Comm, p.PPid, p.U, p.S, p.CU, p.CS));
            File.WriteAllText(Path.Combine(folder, "comm"), p.Comm + "\n");
            File.WriteAllText(Path.Combine(folder, "cmdline"), p.Cmdline.Replace(' ', '\0'));
        }
        Directory.CreateDirectory(Path.Combine(proc, "self"));
        return proc;
    }

    [Fact]
    public void The_tree_is_the_root_and_every_descendant_plus_the_roots_reaped_children()
    {
        using var dir = new TempDir();
        var proc = FakeProc(dir,
            (1, "init", 0, 900, 900, 0, 0, "/sbin/init"),
            (40, "python3", 1, 100, 20, 7, 3, "python3 -m vllm.entrypoints.openai.api_server"),
            (41, "worker (gpu) )x", 40, 50, 10, 99, 99, "python3 worker"),
            (42, "grandchild", 41, 5, 5, 0, 0, "x"),
            (50, "other", 1, 1000, 1000, 0, 0, "other"));

        var tree = new ProcessTreeCpuTime(proc, SysfsFileReader.Instance, 40);

        // 40: 100+20 + reaped 7+3; 41: 50+10 (its own reaped children are not the root's); 42: 5+5. Ticks at 100 Hz.
        Assert.Equal(TimeSpan.FromSeconds(2.0), tree.Read());
        Assert.Equal("server process tree CPU time (pid 40)", tree.Description);
    }

    [Fact]
    public void A_server_is_found_by_its_name_or_command_line_and_a_missing_one_is_an_error()
    {
        using var dir = new TempDir();
        var proc = FakeProc(dir,
            (1, "init", 0, 0, 0, 0, 0, "/sbin/init"),
            (30, "llama-server", 1, 0, 0, 0, 0, "./llama-server -m x.gguf"),
            (31, "python3", 1, 0, 0, 0, 0, "python3 -m vllm.entrypoints.openai.api_server"));

        Assert.Equal(30, ProcessTreeCpuTime.FindPid(proc, SysfsFileReader.Instance, "llama-server"));
        Assert.Equal(31, ProcessTreeCpuTime.FindPid(proc, SysfsFileReader.Instance, "vllm.entrypoints"));
        var e = Assert.Throws<EnergyGateException>(() => ProcessTreeCpuTime.FindPid(proc, SysfsFileReader.Instance, "tgi"));
        Assert.Contains("no process named `tgi`", e.Message, StringComparison.Ordinal);
        var gone = Assert.Throws<EnergyGateException>(() => new ProcessTreeCpuTime(proc, SysfsFileReader.Instance, 99));
        Assert.Contains("no process 99", gone.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_real_child_process_is_read_from_proc()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // procfs is Linux's
        }
        using var child = Process.Start(new ProcessStartInfo("sh", ["-c", "sleep 30"]) { UseShellExecute = false })!;
        try
        {
            var tree = new ProcessTreeCpuTime("/proc", SysfsFileReader.Instance, child.Id);
            Assert.True(tree.Read() >= TimeSpan.Zero);
            Assert.Equal(child.Id, ProcessTreeCpuTime.FindPid("/proc", SysfsFileReader.Instance, "sleep 30"));
        }
        finally
        {
            child.Kill(entireProcessTree: true);
        }
    }
}

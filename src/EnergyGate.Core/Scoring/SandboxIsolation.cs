using System.Globalization;

namespace EnergyGate.Core.Scoring;

/// <summary>What isolation the sandbox actually achieved on this machine (reported, never assumed).</summary>
/// <param name="PythonVersion">Version of the interpreter running the samples.</param>
/// <param name="NetworkIsolated">True when samples run in an empty network namespace.</param>
/// <param name="NetworkIsolation">How the network was cut, or why it could not be.</param>
/// <param name="RunsAsRoot">True when samples run as root, where Linux does not enforce the process limit.</param>
/// <param name="Limits">The per-sample limits in force.</param>
public sealed record SandboxIsolation(
    string PythonVersion, bool NetworkIsolated, string NetworkIsolation, bool RunsAsRoot, SandboxOptions Limits)
{
    /// <summary>bubblewrap or the plain-process fallback.</summary>
    public SandboxMechanism Mechanism { get; init; } = SandboxMechanism.Process;

    /// <summary>What the mechanism set up (or why the fallback is in force).</summary>
    public string MechanismDescription { get; init; } = "";

    /// <summary>The uid a sample runs as, observed by a child set up like one.</summary>
    public int SampleUid { get; init; }

    /// <summary>The sample's effective capability mask (hex, as /proc shows it).</summary>
    public string SampleCapabilities { get; init; } = "";

    /// <summary>Processes other than its own and its supervisor's that a sample can see (0 in its own PID namespace).</summary>
    public int OtherProcessesVisible { get; init; }

    /// <summary>Folders outside its scratch folder that a sample can write to.</summary>
    public IReadOnlyList<string> WritablePaths { get; init; } = [];

    /// <summary>Why samples still run as root, where the drop to an unprivileged uid was not possible; empty otherwise.</summary>
    public string DropRefused { get; init; } = "";

    /// <summary>True when a sample runs with no capabilities at all.</summary>
    public bool NoCapabilities => SampleCapabilities.Trim('0').Length == 0 && SampleCapabilities.Length > 0;

    internal static SandboxIsolation From(SandboxWire.Hello hello, SandboxLaunch launch, SandboxOptions options)
    {
        var sample = hello.Sample ?? new SandboxWire.SampleFacts(hello.Uid, "?", false, -1, [], "no probe", null);
        return new SandboxIsolation(hello.Python, hello.NetworkIsolated, hello.NetworkIsolation, sample.Uid == 0, options)
        {
            Mechanism = launch.Mechanism,
            MechanismDescription = launch.Description,
            SampleUid = sample.Uid,
            SampleCapabilities = sample.Capabilities ?? "?",
            OtherProcessesVisible = sample.OtherProcesses,
            WritablePaths = sample.Writable ?? [],
            DropRefused = sample.DropRefused ?? sample.Error ?? "",
        };
    }

    /// <summary>One line per property, for `doctor` and result metadata.</summary>
    public IEnumerable<string> Describe()
    {
        yield return $"python {PythonVersion}";
        yield return $"isolation: {MechanismDescription}";
        var caps = NoCapabilities ? "no capabilities" : $"capabilities {SampleCapabilities}";
        var drop = DropRefused.Length > 0 ? $" ({DropRefused})" : "";
        yield return string.Create(CultureInfo.InvariantCulture, $"samples run as: uid {SampleUid}, {caps}{drop}");
        yield return OtherProcessesVisible == 0
            ? "processes: own PID namespace (the tool and the machine's processes are invisible)"
            : string.Create(CultureInfo.InvariantCulture, $"processes: {OtherProcessesVisible} of the machine's processes visible (no PID namespace)");
        yield return WritablePaths.Count == 0
            ? "file system: nothing writable but the per-sample folder"
            : $"file system: writable besides the per-sample folder: {string.Join(", ", WritablePaths)}";
        yield return $"network: {(NetworkIsolated ? "cut off" : "NOT isolated")} ({NetworkIsolation})";
        var root = RunsAsRoot ? " (not enforced for root)" : "";
        yield return FormattableString.Invariant(
            $"timeout {Limits.Timeout.TotalSeconds:0.###} s, address space {Limits.MemoryBytes >> 20} MiB, CPU {Limits.CpuSeconds} s, file size {Limits.FileSizeBytes >> 20} MiB, processes {Limits.MaxProcesses}{root}");
        yield return "environment: allow-list only (PATH, LANG, LC_ALL, HOME, TMPDIR); fresh temp dir per sample; processes left behind fail the sample and are killed";
    }
}

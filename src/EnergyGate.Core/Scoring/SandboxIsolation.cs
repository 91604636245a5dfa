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
    /// <summary>One line per property, for `doctor` and result metadata.</summary>
    public IEnumerable<string> Describe()
    {
        yield return $"python {PythonVersion}";
        yield return $"network: {(NetworkIsolated ? "cut off" : "NOT isolated")} ({NetworkIsolation})";
        var root = RunsAsRoot ? " (not enforced for root)" : "";
        yield return FormattableString.Invariant(
            $"timeout {Limits.Timeout.TotalSeconds:0.###} s, address space {Limits.MemoryBytes >> 20} MiB, CPU {Limits.CpuSeconds} s, file size {Limits.FileSizeBytes >> 20} MiB, processes {Limits.MaxProcesses}{root}");
        yield return "environment: allow-list only (PATH, LANG, LC_ALL, HOME, TMPDIR); fresh temp dir per sample";
    }
}

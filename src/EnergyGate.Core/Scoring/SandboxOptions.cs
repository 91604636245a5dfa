namespace EnergyGate.Core.Scoring;

/// <summary>Limits for running one generated program. Defaults follow the HumanEval harness.</summary>
public sealed record SandboxOptions
{
    /// <summary>Wall-clock limit per sample; the whole process group is killed after it.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Address-space limit (RLIMIT_AS) per sample.</summary>
    public long MemoryBytes { get; init; } = 4L << 30;

    /// <summary>CPU-time limit (RLIMIT_CPU) per sample, in seconds.</summary>
    public int CpuSeconds { get; init; } = 10;

    /// <summary>Largest file a sample may write (RLIMIT_FSIZE).</summary>
    public long FileSizeBytes { get; init; } = 16L << 20;

    /// <summary>Most processes a sample may create (RLIMIT_NPROC; not enforced for root by Linux).</summary>
    public int MaxProcesses { get; init; } = 64;

    /// <summary>What isolates the samples: bubblewrap where available (the default), or only that, or the plain-process fallback.</summary>
    public SandboxMechanism Mechanism { get; init; } = SandboxMechanism.Auto;

    /// <summary>Samples executed in parallel.</summary>
    public int Workers { get; init; } = Environment.ProcessorCount;

    /// <summary>The test oracle's shorter limit for its checks of partial completions (scored samples keep <see cref="Timeout"/>).</summary>
    public Waste.Babbling.OracleTimeLimit Oracle { get; init; } = Waste.Babbling.OracleTimeLimit.Default;
}

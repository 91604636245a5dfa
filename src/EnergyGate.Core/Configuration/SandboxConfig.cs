namespace EnergyGate.Core.Configuration;

/// <summary>The <c>sandbox</c> section as written in the file; null means "not set".</summary>
public sealed record SandboxConfig
{
    /// <summary>Wall-clock limit per sample, in seconds.</summary>
    public double? TimeoutSeconds { get; init; }

    /// <summary>Address-space limit per sample, in MiB.</summary>
    public int? MemoryMib { get; init; }

    /// <summary>CPU-time limit per sample, in seconds.</summary>
    public int? CpuSeconds { get; init; }

    /// <summary>Largest file a sample may write, in MiB.</summary>
    public int? FileSizeMib { get; init; }

    /// <summary>Most processes a sample may create.</summary>
    public int? MaxProcesses { get; init; }

    /// <summary>auto, bubblewrap or process (see <see cref="Scoring.SandboxMechanism"/>).</summary>
    public string? Isolation { get; init; }

    /// <summary>Samples executed in parallel.</summary>
    public int? Workers { get; init; }

    /// <summary>A test-oracle check's limit in canonical-solution times (see <see cref="Waste.Babbling.OracleTimeLimit"/>).</summary>
    public double? OracleFactor { get; init; }

    /// <summary>The least limit of a test-oracle check, in seconds.</summary>
    public double? OracleMinSeconds { get; init; }
}

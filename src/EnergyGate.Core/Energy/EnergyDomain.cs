using System.Globalization;

namespace EnergyGate.Core.Energy;

/// <summary>What part of the machine a domain covers.</summary>
public enum EnergyDomainKind
{
    /// <summary>A CPU package (socket), from RAPL.</summary>
    Package,

    /// <summary>The DRAM attached to one socket, from RAPL. Not part of the package domain.</summary>
    Dram,

    /// <summary>The whole platform (SoC and more), from RAPL. Overlaps every other domain.</summary>
    Psys,

    /// <summary>One GPU, from NVML.</summary>
    Gpu,

    /// <summary>The CPU work of this process, estimated from its CPU time.</summary>
    Cpu,

    /// <summary>Memory power, estimated from this process's share of the cores.</summary>
    Memory,
}

/// <summary>
/// One energy domain, with a stable id for reports and baselines (<c>package-0</c>, <c>dram-0</c>,
/// <c>psys</c>, <c>gpu-0</c>, <c>cpu</c>, <c>memory</c>). Domains are reported separately and never
/// summed by this library, because some overlap (psys contains the package; RAPL core is inside it).
/// </summary>
/// <param name="Kind">What the domain covers.</param>
/// <param name="Index">Socket or device number; null for machine-wide domains.</param>
public sealed record EnergyDomain(EnergyDomainKind Kind, int? Index = null)
{
    /// <summary>The stable id, e.g. <c>package-1</c>.</summary>
    public string Id => Index is { } i
        ? string.Create(CultureInfo.InvariantCulture, $"{KindName}-{i}")
        : KindName;

    /// <summary>True for domains whose best source is a GPU meter; the rest are CPU-side.</summary>
    public bool IsGpu => Kind == EnergyDomainKind.Gpu;

    private string KindName => Kind.ToString().ToLowerInvariant();

    /// <summary>CPU package of a socket.</summary>
    public static EnergyDomain PackageOf(int socket) => new(EnergyDomainKind.Package, socket);

    /// <summary>DRAM of a socket.</summary>
    public static EnergyDomain DramOf(int socket) => new(EnergyDomainKind.Dram, socket);

    /// <summary>GPU by NVML index.</summary>
    public static EnergyDomain GpuOf(int device) => new(EnergyDomainKind.Gpu, device);

    /// <summary>The platform domain.</summary>
    public static EnergyDomain Psys { get; } = new(EnergyDomainKind.Psys);

    /// <summary>The estimated CPU domain.</summary>
    public static EnergyDomain Cpu { get; } = new(EnergyDomainKind.Cpu);

    /// <summary>The estimated memory domain.</summary>
    public static EnergyDomain Memory { get; } = new(EnergyDomainKind.Memory);

    /// <inheritdoc/>
    public override string ToString() => Id;
}

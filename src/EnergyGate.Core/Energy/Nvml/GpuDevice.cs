namespace EnergyGate.Core.Energy.Nvml;

/// <summary>A GPU as the machine fingerprint records it.</summary>
/// <param name="Index">NVML device index.</param>
/// <param name="Name">Model, e.g. "NVIDIA H100 80GB HBM3".</param>
/// <param name="PowerLimitWatts">Power management limit; null when NVML does not tell.</param>
/// <param name="TotalEnergySupported">True when the mJ energy counter works (Volta and newer); otherwise power is integrated.</param>
public sealed record GpuDevice(int Index, string Name, double? PowerLimitWatts, bool TotalEnergySupported)
{
    /// <summary>Total device memory in bytes; null when NVML does not tell.</summary>
    public ulong? MemoryBytes { get; init; }
}

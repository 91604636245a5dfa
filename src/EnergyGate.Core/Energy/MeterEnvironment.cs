using EnergyGate.Core.Energy.Estimate;
using EnergyGate.Core.Energy.Nvml;

namespace EnergyGate.Core.Energy;

/// <summary>
/// The machine as meters see it. Only the composition root uses <see cref="System"/>; tests pass a
/// fake sysfs root, reader, clock and CPU-time source.
/// </summary>
/// <param name="SysfsRoot">"/" on a real machine; RAPL reads sys/class/powercap and the estimate proc/cpuinfo below it.</param>
/// <param name="Reader">File reader.</param>
/// <param name="Time">Timestamps (Stopwatch ticks for the system provider).</param>
/// <param name="CpuTime">This process's CPU time.</param>
/// <param name="LogicalCpus">Logical CPUs of the machine.</param>
public sealed record MeterEnvironment(string SysfsRoot, IFileReader Reader, TimeProvider Time, Func<TimeSpan> CpuTime, int LogicalCpus)
{
    /// <summary>NVML to use instead of the driver's (tests); null loads the real library.</summary>
    public INvml? Nvml { get; init; }

    /// <summary>What <see cref="CpuTime"/> counts when it is not this process (a model server's process tree); null: this process.</summary>
    public string? CpuTimeSource { get; init; }

    /// <summary>The real machine.</summary>
    public static MeterEnvironment System { get; } =
        new("/", SysfsFileReader.Instance, TimeProvider.System, EstimateMeter.ProcessCpuTime, Environment.ProcessorCount);

    /// <summary>The CPU model from proc/cpuinfo, or null where there is none (not Linux).</summary>
    public string? CpuModel()
    {
        try
        {
            return CpuPowerTable.ModelFromCpuInfo(Reader.ReadText(Path.Combine(SysfsRoot, "proc", "cpuinfo")));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}

/// <summary>Builds every meter of <see cref="MeterProviders"/>, for <see cref="MeterSelector"/>.</summary>
public static class EnergyMeters
{
    /// <summary>Every known meter, each available or carrying its reason.</summary>
    /// <param name="env">The machine.</param>
    /// <param name="estimate">Configured power model (also supplies the TDP for RAPL's wrap period).</param>
    /// <param name="gpuIndices">GPUs to read; null for all.</param>
    /// <param name="nvml">NVML to use instead of the driver's (tests); null keeps <paramref name="env"/>'s.</param>
    public static IReadOnlyList<IEnergyMeter> CreateAll(MeterEnvironment env, EstimateOptions estimate, IReadOnlyList<int>? gpuIndices = null, INvml? nvml = null)
    {
        ArgumentNullException.ThrowIfNull(env);
        ArgumentNullException.ThrowIfNull(estimate);
        return MeterProviders.CreateAll(nvml is null ? env : env with { Nvml = nvml }, new MeterOptions(estimate, gpuIndices));
    }
}

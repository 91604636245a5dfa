using System.Globalization;

namespace EnergyGate.Core.Energy.Estimate;

/// <summary>
/// Joules = this process's CPU time x watts per core (+ memory watts x its share of the cores).
/// Tracks CPU time only: a regression signal on one machine, labelled <see cref="EnergyKind.Estimated"/>.
/// Always available, which is why build machines without RAPL use it.
/// </summary>
public sealed class EstimateMeter : IEnergyMeter
{
    /// <summary>The meter's name in configuration and reports.</summary>
    public const string Name = "estimate";

    // Kernels without fine-grained accounting advance CPU time in scheduler ticks (up to 10 ms).
    private static readonly TimeSpan CpuTimeGranularity = TimeSpan.FromMilliseconds(10);

    private readonly Func<TimeSpan> _cpuTime;
    private readonly double _coreWatts;
    private readonly double? _memoryWattsPerCore;

    private EstimateMeter(MeterInfo info, Func<TimeSpan> cpuTime, double coreWatts, double? memoryWattsPerCore) =>
        (Info, _cpuTime, _coreWatts, _memoryWattsPerCore) = (info, cpuTime, coreWatts, memoryWattsPerCore);

    /// <inheritdoc/>
    public MeterInfo Info { get; }

    /// <summary>Builds the model.</summary>
    /// <param name="options">Configured values (override the table).</param>
    /// <param name="cpuModel">CPU model name for the table lookup, e.g. from /proc/cpuinfo.</param>
    /// <param name="logicalCpus">Logical CPUs of the machine.</param>
    /// <param name="cpuTime">This process's total CPU time; the real one is <see cref="ProcessCpuTime"/>.</param>
    public static EstimateMeter Create(EstimateOptions options, string? cpuModel, int logicalCpus, Func<TimeSpan> cpuTime)
    {
        var (watts, source) = CpuPowerTable.PerCoreWatts(options, cpuModel, logicalCpus);
        var cores = options.Cores ?? logicalCpus;
        var resolution = watts * CpuTimeGranularity.TotalSeconds;
        var domains = new List<MeterDomain> { new(EnergyDomain.Cpu, EnergyKind.Estimated, resolution, CpuTimeGranularity) { Source = "process CPU time" } };
        var details = new List<string> { string.Create(CultureInfo.InvariantCulture, $"cpu: {watts:0.###} W per busy core ({source})") };
        double? memoryPerCore = null;
        if (options.MemoryWatts is { } mem)
        {
            // The process is charged the memory's power in proportion to the share of cores it keeps busy.
            memoryPerCore = mem / cores;
            domains.Add(new MeterDomain(EnergyDomain.Memory, EnergyKind.Estimated, memoryPerCore.Value * CpuTimeGranularity.TotalSeconds, CpuTimeGranularity) { Source = "process CPU time" });
            details.Add(string.Create(CultureInfo.InvariantCulture, $"memory: {mem} W x CPU time / {cores} cores (configured)"));
        }
        return new EstimateMeter(new MeterInfo(Name, true, null, domains) { Details = details }, cpuTime, watts, memoryPerCore);
    }

    /// <summary>
    /// The current process's total CPU time (user + system, all threads). Environment.CpuUsage is
    /// getrusage underneath: no allocation and no /proc parsing, so it is cheap enough at 100 Hz,
    /// unlike Process.TotalProcessorTime.
    /// </summary>
    public static TimeSpan ProcessCpuTime() => Environment.CpuUsage.TotalTime;

    /// <inheritdoc/>
    public void Read(Span<double> joules)
    {
        var seconds = _cpuTime().TotalSeconds;
        joules[0] = seconds * _coreWatts;
        if (_memoryWattsPerCore is { } m)
        {
            joules[1] = seconds * m;
        }
    }

    /// <inheritdoc/>
    public void Dispose() { }
}

using System.Globalization;

namespace EnergyGate.Core.Energy.Estimate;

/// <summary>
/// Joules from this process's CPU time: by default a <see cref="PowerCurve"/> between the machine's
/// idle and loaded power, interpolated by the share of logical CPUs the process keeps busy; or, as
/// the named fallback, CPU time x watts per busy core. Either way it tracks CPU time, not power: a
/// regression signal on one machine, labelled <see cref="EnergyKind.Estimated"/>, always available.
/// </summary>
public sealed class EstimateMeter : IEnergyMeter
{
    /// <summary>The meter's name in configuration and reports.</summary>
    public const string Name = "estimate";

    // Kernels without fine-grained accounting advance CPU time in scheduler ticks (up to 10 ms).
    private static readonly TimeSpan CpuTimeGranularity = TimeSpan.FromMilliseconds(10);

    private readonly Func<TimeSpan> _cpuTime;
    private readonly Func<TimeSpan>? _wallTime;
    private readonly PowerCurve? _curve;
    private readonly double _coreWatts;
    private readonly double? _memoryWattsPerCore;

    private EstimateMeter(MeterInfo info, Func<TimeSpan> cpuTime, Func<TimeSpan>? wallTime, PowerCurve? curve, double coreWatts, double? memoryWattsPerCore) =>
        (Info, _cpuTime, _wallTime, _curve, _coreWatts, _memoryWattsPerCore) = (info, cpuTime, wallTime, curve, coreWatts, memoryWattsPerCore);

    /// <inheritdoc/>
    public MeterInfo Info { get; }

    /// <summary>The model and its inputs in one line (model, CPU matched, idle and loaded watts, cores), for the run's fingerprint.</summary>
    public string ModelSummary => Info.Details[0];

    /// <summary>Builds the model.</summary>
    /// <param name="options">Configured values (override the tables) and the model.</param>
    /// <param name="cpuModel">CPU model name for the table lookup, e.g. from /proc/cpuinfo.</param>
    /// <param name="logicalCpus">Logical CPUs of the machine.</param>
    /// <param name="cpuTime">This process's total CPU time; the real one is <see cref="ProcessCpuTime"/>.</param>
    /// <param name="time">Wall clock for the utilisation model; null: the system's.</param>
    /// <param name="cpuTimeSource">What <paramref name="cpuTime"/> counts, when not this process (e.g. "server process tree CPU time (pid 42)"); null: this process.</param>
    public static EstimateMeter Create(EstimateOptions options, string? cpuModel, int logicalCpus, Func<TimeSpan> cpuTime, TimeProvider? time = null, string? cpuTimeSource = null)
    {
        var ownProcess = cpuTimeSource is null;
        var cpuSource = cpuTimeSource ?? "process CPU time";
        ArgumentNullException.ThrowIfNull(options);
        var cores = options.Cores ?? logicalCpus;
        var domains = new List<MeterDomain>();
        var details = new List<string>();
        PowerCurve? curve = null;
        Func<TimeSpan>? wall = null;
        double watts;
        if (options.Model == EstimateModel.Utilisation)
        {
            curve = PowerCurve.For(options, cpuModel, logicalCpus);
            // The CPU-time term is what changes between phases; the idle term is smooth in wall time.
            watts = (curve.LoadedWatts - curve.IdleWatts) / curve.LogicalCpus;
            var clock = time ?? TimeProvider.System;
            var start = clock.GetTimestamp();
            wall = () => clock.GetElapsedTime(start);
            domains.Add(new(EnergyDomain.Cpu, EnergyKind.Estimated, watts * CpuTimeGranularity.TotalSeconds, CpuTimeGranularity) { Source = $"{cpuSource} and wall time", ChargesThisProcess = ownProcess });
            details.Add(curve.Describe());
        }
        else
        {
            string source;
            (watts, source) = CpuPowerTable.PerCoreWatts(options, cpuModel, logicalCpus);
            domains.Add(new(EnergyDomain.Cpu, EnergyKind.Estimated, watts * CpuTimeGranularity.TotalSeconds, CpuTimeGranularity) { Source = cpuSource, ChargesThisProcess = ownProcess });
            details.Add(string.Create(CultureInfo.InvariantCulture, $"per-core model: {watts:0.###} W per busy core ({source})"));
        }
        if (!ownProcess)
        {
            // Whose CPU time is charged belongs with the model in the run's notes and fingerprint.
            details[0] += $"; charges the {cpuSource}";
        }
        double? memoryPerCore = null;
        if (options.MemoryWatts is { } mem)
        {
            // The process is charged the memory's power in proportion to the share of cores it keeps busy.
            memoryPerCore = mem / cores;
            domains.Add(new MeterDomain(EnergyDomain.Memory, EnergyKind.Estimated, memoryPerCore.Value * CpuTimeGranularity.TotalSeconds, CpuTimeGranularity) { Source = cpuSource, ChargesThisProcess = ownProcess });
            details.Add(string.Create(CultureInfo.InvariantCulture, $"memory: {mem} W x CPU time / {cores} cores (configured)"));
        }
        else
        {
            details.Add("memory: not estimated (bytes moved are not known to the meter; set measurement.memory-watts to charge memory power by CPU share)");
        }
        return new EstimateMeter(new MeterInfo(Name, true, null, domains) { Details = details }, cpuTime, wall, curve, watts, memoryPerCore);
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
        var cpu = _cpuTime();
        joules[0] = _curve is { } curve && _wallTime is { } wall ? curve.Joules(wall(), cpu) : cpu.TotalSeconds * _coreWatts;
        if (_memoryWattsPerCore is { } m)
        {
            joules[1] = cpu.TotalSeconds * m;
        }
    }

    /// <inheritdoc/>
    public void Dispose() { }
}

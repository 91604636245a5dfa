using System.Globalization;

namespace EnergyGate.Core.Energy.Estimate;

/// <summary>
/// The machine's CPU power as a straight line in utilisation, from <see cref="IdleWatts"/> with no
/// load to <see cref="LoadedWatts"/> with every logical CPU busy.
/// </summary>
/// <param name="IdleWatts">Whole-machine CPU power at 0 % utilisation.</param>
/// <param name="LoadedWatts">Whole-machine CPU power at 100 % utilisation.</param>
/// <param name="LogicalCpus">Logical CPUs the utilisation is a share of.</param>
/// <param name="Source">Where the two points came from, for doctor and reports.</param>
public sealed record PowerCurve(double IdleWatts, double LoadedWatts, int LogicalCpus, string Source)
{
    /// <summary>
    /// The share of the machine's logical CPUs a process kept busy: CPU time / (wall time x logical CPUs).
    /// Zero for an empty interval; not clamped, since tick-granular CPU time can overshoot briefly.
    /// </summary>
    public static double Utilisation(TimeSpan cpuTime, TimeSpan wallTime, int logicalCpus) =>
        wallTime <= TimeSpan.Zero || logicalCpus <= 0 ? 0 : cpuTime.TotalSeconds / (wallTime.TotalSeconds * logicalCpus);

    /// <summary>Power at <paramref name="utilisation"/>, clamped to [0, 1]: a machine cannot be more than fully busy.</summary>
    public double Watts(double utilisation) => IdleWatts + ((LoadedWatts - IdleWatts) * Math.Clamp(utilisation, 0, 1));

    /// <summary>
    /// Energy since the start: idle W x wall time + (loaded W - idle W) / logical CPUs x CPU time, which
    /// is <see cref="Watts"/> at the interval's utilisation x its wall time. Linear in both clocks, so
    /// the difference over any sub-interval is that sub-interval's own estimate and phases add up.
    /// </summary>
    public double Joules(TimeSpan wallTime, TimeSpan cpuTime) =>
        (IdleWatts * wallTime.TotalSeconds) + ((LoadedWatts - IdleWatts) / LogicalCpus * cpuTime.TotalSeconds);

    /// <summary>One line for doctor and the report's environment block.</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"utilisation model: idle {IdleWatts:0.##} W, loaded {LoadedWatts:0.##} W over {LogicalCpus} logical CPUs ({Source})");

    /// <summary>The curve for this machine: configuration first, then the architecture table, then the TDP table.</summary>
    /// <param name="options">Configured values.</param>
    /// <param name="cpuModel">CPU model name, e.g. from /proc/cpuinfo.</param>
    /// <param name="logicalCpus">Logical CPUs of the machine (of the VM, on a VM).</param>
    public static PowerCurve For(EstimateOptions options, string? cpuModel, int logicalCpus)
    {
        ArgumentNullException.ThrowIfNull(options);
        var n = Math.Max(1, logicalCpus);
        var fraction = CpuPowerCurves.IdleFraction;
        string Idle(string what) => string.Create(CultureInfo.InvariantCulture, $"{what}; idle = {fraction:0.###} x loaded, the median idle/loaded ratio of the architecture table");
        if (options.PerCoreWatts is null && options.TdpWatts is null && CpuPowerCurves.Find(cpuModel) is { } row)
        {
            return new PowerCurve(row.IdleWatts * n, row.LoadedWatts * n, n, string.Create(CultureInfo.InvariantCulture,
                $"CPU '{row.Model}' is {row.Architecture}: {row.IdleWatts} / {row.LoadedWatts} W per logical CPU, Cloud Carbon Footprint coefficients"));
        }
        // Configured or TDP-table watts per busy logical CPU are the loaded point, as in the per-core model.
        var (perCore, source) = CpuPowerTable.PerCoreWatts(options, cpuModel, logicalCpus);
        var loaded = perCore * n;
        return new PowerCurve(fraction * loaded, loaded, n, Idle(string.Create(CultureInfo.InvariantCulture, $"loaded = {perCore:0.###} W x {n} logical CPUs from {source}")));
    }
}

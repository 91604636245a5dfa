namespace EnergyGate.Core.Energy.Estimate;

/// <summary>Configured power model; every field overrides the table lookup.</summary>
/// <param name="PerCoreWatts">Watts per busy logical CPU; wins over <paramref name="TdpWatts"/>.</param>
/// <param name="TdpWatts">Package TDP, divided by <paramref name="Cores"/> (or the machine's logical CPUs).</param>
/// <param name="Cores">Logical CPUs the TDP is shared by.</param>
/// <param name="MemoryWatts">Memory power of the whole machine; null leaves the memory domain out.</param>
public sealed record EstimateOptions(double? PerCoreWatts = null, double? TdpWatts = null, int? Cores = null, double? MemoryWatts = null)
{
    /// <summary>
    /// Which model turns CPU time into joules. The record's default is <see cref="EstimateModel.PerCore"/>
    /// so code that builds options by hand keeps its numbers; energygate.yml resolves to
    /// <see cref="EstimateModel.Utilisation"/> unless it says <c>estimate-model: per-core</c>.
    /// </summary>
    public EstimateModel Model { get; init; } = EstimateModel.PerCore;
}

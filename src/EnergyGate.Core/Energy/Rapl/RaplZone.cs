namespace EnergyGate.Core.Energy.Rapl;

/// <summary>A powercap zone chosen for measurement.</summary>
/// <param name="Directory">The zone folder, e.g. <c>/sys/class/powercap/intel-rapl:0</c>.</param>
/// <param name="Domain">The domain it measures.</param>
/// <param name="RangeJoules">Counter range from <c>max_energy_range_uj</c>; null when missing (no wrap detection).</param>
/// <param name="MaxWatts">Power limit read from the zone's constraints, when present.</param>
public sealed record RaplZone(string Directory, EnergyDomain Domain, double? RangeJoules, double? MaxWatts)
{
    /// <summary>The counter file.</summary>
    public string EnergyFile => Path.Combine(Directory, "energy_uj");
}

/// <summary>Zones found under a powercap tree, and what was skipped and why.</summary>
/// <param name="Zones">Measurable, non-overlapping, de-duplicated zones.</param>
/// <param name="Warnings">Skipped or degraded zones.</param>
/// <param name="Details">Skipped-on-purpose zones (sub-domains, mirrors), for doctor.</param>
public sealed record RaplDiscovery(IReadOnlyList<RaplZone> Zones, IReadOnlyList<string> Warnings, IReadOnlyList<string> Details);

namespace EnergyGate.Core.Energy;

/// <summary>
/// One domain a meter reports, with what a consumer needs to turn its raw counter into trustworthy
/// cumulative joules: the kind, the resolution, and the counter's wrap and update behaviour.
/// </summary>
/// <param name="Domain">The domain.</param>
/// <param name="Kind">Kind of every reading of this domain.</param>
/// <param name="ResolutionJoules">Smallest energy step the counter can show.</param>
/// <param name="UpdateInterval">How often the source refreshes the value (RAPL ~1 ms, NVML ~100 ms).</param>
public sealed record MeterDomain(EnergyDomain Domain, EnergyKind Kind, double ResolutionJoules, TimeSpan UpdateInterval)
{
    /// <summary>Counter range in joules (RAPL <c>max_energy_range_uj</c>); null when it does not wrap or is unknown.</summary>
    public double? WrapJoules { get; init; }

    /// <summary>
    /// Longest gap between reads that cannot hide a wrap: range / (2 x max power). A longer gap is
    /// flagged as a possible missed wrap. Null when unknown.
    /// </summary>
    public TimeSpan? MaxSafeGap { get; init; }

    /// <summary>Highest plausible power; a decrease implying more than this is a reset, not a wrap.</summary>
    public double? MaxWatts { get; init; }

    /// <summary>True when the hardware always draws power, so a counter that never moves is stuck.</summary>
    public bool ExpectsPower { get; init; }

    /// <summary>Where the value comes from (a sysfs path, an NVML device), for diagnostics.</summary>
    public string Source { get; init; } = "";

    /// <summary>
    /// True when the value follows this process's own CPU time (the estimate's default source): it
    /// cannot see work done by another process, such as a model server a served runtime calls.
    /// </summary>
    public bool ChargesThisProcess { get; init; }
}

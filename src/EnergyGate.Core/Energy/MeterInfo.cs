namespace EnergyGate.Core.Energy;

/// <summary>What a meter is, whether it can be used here and, when not, why (for <c>doctor</c>).</summary>
/// <param name="Name">Stable meter name: <c>rapl</c>, <c>nvml</c>, <c>estimate</c>.</param>
/// <param name="Available">True when <see cref="IEnergyMeter.Read"/> works.</param>
/// <param name="Reason">Why the meter is unavailable, including how to fix it; null when available.</param>
/// <param name="Domains">Domains read, in the order of <see cref="IEnergyMeter.Read"/>; empty when unavailable.</param>
public sealed record MeterInfo(string Name, bool Available, string? Reason, IReadOnlyList<MeterDomain> Domains)
{
    /// <summary>Problems that do not stop the meter (skipped zones, no wrap detection).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Facts for the report and machine fingerprint (sources, TDP used, GPU model, driver).</summary>
    public IReadOnlyList<string> Details { get; init; } = [];

    /// <summary>An unavailable meter with its reason.</summary>
    public static MeterInfo Unavailable(string name, string reason) => new(name, false, reason, []);
}

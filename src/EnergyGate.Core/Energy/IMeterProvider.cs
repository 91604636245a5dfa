namespace EnergyGate.Core.Energy;

/// <summary>
/// Everything the tool knows about one kind of energy meter: its name, the side it measures, how
/// <c>auto</c> ranks it, how to build it and what it adds to the machine fingerprint. Listed in
/// <see cref="MeterProviders"/>; configuration, <c>doctor</c> and <see cref="MeterSelector"/> ask that list.
/// </summary>
public interface IMeterProvider
{
    /// <summary>The name in configuration, <c>--meter</c> and reports, e.g. <c>rapl</c>.</summary>
    string Name { get; }

    /// <summary>What the meter measures.</summary>
    MeterSide Side { get; }

    /// <summary>Rank among the same side's meters for <c>auto</c>: the available one with the highest wins.</summary>
    int AutoPriority { get; }

    /// <summary>Said after the domains when <c>auto</c> picks the meter (e.g. that it is not a measurement); null for nothing.</summary>
    string? AutoNote { get; }

    /// <summary>Builds the meter for this machine: available, or unavailable with its reason (never throws for absent hardware).</summary>
    IEnergyMeter Create(MeterEnvironment env, MeterOptions options);

    /// <summary>Lines for the run's meter explanation once the meter is chosen (e.g. the estimate's inputs).</summary>
    IReadOnlyList<string> Notes(IEnergyMeter meter);

    /// <summary>Adds the machine facts a chosen meter knows (e.g. the GPU model and driver) to the fingerprint.</summary>
    void AddFacts(IEnergyMeter meter, IDictionary<string, string> facts);
}

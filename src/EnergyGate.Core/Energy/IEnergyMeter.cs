namespace EnergyGate.Core.Energy;

/// <summary>
/// A source of cumulative energy counters. Reads are raw: a RAPL counter may wrap, any counter may
/// reset; <see cref="Sampling.EnergySampler"/> turns them into monotonic joules and flags anomalies.
/// </summary>
public interface IEnergyMeter : IDisposable
{
    /// <summary>Name, availability and domains.</summary>
    MeterInfo Info { get; }

    /// <summary>
    /// Writes each domain's counter in joules into <paramref name="joules"/>, in
    /// <see cref="MeterInfo.Domains"/> order. Must not allocate on the hot path: the sampler calls it
    /// every few milliseconds. Throws <see cref="EnergyMeterException"/> when a read fails.
    /// </summary>
    void Read(Span<double> joules);
}

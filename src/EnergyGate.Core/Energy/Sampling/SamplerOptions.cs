namespace EnergyGate.Core.Energy.Sampling;

/// <summary>How the background sampler reads its meters.</summary>
/// <param name="Interval">Time between reads; 10 ms by default (the research sampled GPU power every 10 ms).</param>
/// <param name="StuckAfter">A counter of a powered domain that does not move for this long is flagged stuck.</param>
/// <param name="InitialCapacity">Samples preallocated; the buffer doubles when full (amortised, no per-sample allocation).</param>
public sealed record SamplerOptions(TimeSpan Interval, TimeSpan StuckAfter, int InitialCapacity = 1 << 16)
{
    /// <summary>10 ms interval, stuck after 2 s, ~11 minutes preallocated.</summary>
    public static SamplerOptions Default { get; } = new(TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(2));
}

namespace EnergyGate.Core.Generation;

/// <summary>
/// When each inference phase of one sample happened, in <see cref="System.Diagnostics.Stopwatch"/>
/// ticks (<see cref="System.Diagnostics.Stopwatch.Frequency"/> per second). The energy sampler
/// interpolates its cumulative counters at these instants to split joules between phases.
/// </summary>
/// <param name="PrefillStart">Just before the prompt was submitted.</param>
/// <param name="PrefillEnd">When the first token's logits were available (time to first token).</param>
/// <param name="TokenTimes">When each decoded token's logits were available, in order.</param>
/// <param name="End">When generation stopped (after the last stopping check).</param>
public sealed record PhaseTimeline(long PrefillStart, long PrefillEnd, IReadOnlyList<long> TokenTimes, long End);

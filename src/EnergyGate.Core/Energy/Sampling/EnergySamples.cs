namespace EnergyGate.Core.Energy.Sampling;

/// <summary>
/// An immutable copy of sampled counters: for each domain, monotonic cumulative joules since the
/// first sample and what happened at each read, against <see cref="System.Diagnostics.Stopwatch"/> ticks.
/// </summary>
public sealed class EnergySamples
{
    private readonly long[] _timestamps;
    private readonly double[][] _joules;
    private readonly CounterEvents[][] _events;

    /// <summary>Wraps arrays taken over by this object (one joules and one events array per domain).</summary>
    /// <param name="domains">The domains, in column order.</param>
    /// <param name="ticksPerSecond">Timestamp frequency.</param>
    /// <param name="timestamps">Increasing timestamps.</param>
    /// <param name="joules">Per domain, cumulative joules at each timestamp.</param>
    /// <param name="events">Per domain, what happened at each read.</param>
    /// <param name="count">Samples used (the arrays may be longer).</param>
    public EnergySamples(IReadOnlyList<MeterDomain> domains, long ticksPerSecond, long[] timestamps, double[][] joules, CounterEvents[][] events, int count)
    {
        ArgumentNullException.ThrowIfNull(timestamps);
        ArgumentNullException.ThrowIfNull(joules);
        ArgumentNullException.ThrowIfNull(events);
        if (count > timestamps.Length || joules.Length != domains.Count || events.Length != domains.Count || joules.Any(j => j.Length < count) || events.Any(e => e.Length < count))
        {
            throw new ArgumentException("one joules and one events array per domain, each with at least count entries");
        }
        (Domains, TicksPerSecond, _timestamps, _joules, _events, Count) = (domains, ticksPerSecond, timestamps, joules, events, count);
    }

    /// <summary>The domains, in column order.</summary>
    public IReadOnlyList<MeterDomain> Domains { get; }

    /// <summary>Timestamp frequency (ticks per second).</summary>
    public long TicksPerSecond { get; }

    /// <summary>Number of samples.</summary>
    public int Count { get; }

    /// <summary>Sample timestamps.</summary>
    public ReadOnlySpan<long> Timestamps => _timestamps.AsSpan(0, Count);

    /// <summary>Cumulative joules of one domain.</summary>
    public ReadOnlySpan<double> Joules(int domain) => _joules[domain].AsSpan(0, Count);

    /// <summary>Events of one domain.</summary>
    public ReadOnlySpan<CounterEvents> Events(int domain) => _events[domain].AsSpan(0, Count);

    /// <summary>Column of a domain, or -1.</summary>
    public int IndexOf(EnergyDomain domain)
    {
        for (var i = 0; i < Domains.Count; i++)
        {
            if (Domains[i].Domain == domain)
            {
                return i;
            }
        }
        return -1;
    }
}

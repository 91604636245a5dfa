using EnergyGate.Core.Energy.Sampling;
using EnergyGate.Core.Generation;

namespace EnergyGate.Core.Energy;

/// <summary>
/// Splits sampled energy between prefill and decode by linear interpolation of each cumulative
/// counter at the phase boundaries. Because both phases are differences of the same interpolated
/// curve, prefill + decode is the total by construction. A pure function over data.
/// </summary>
public static class PhaseAttribution
{
    // NVML guidance: a window under ~10 counter updates is too short to trust on its own.
    private const int MinUpdates = 10;

    /// <summary>Energy per domain and phase for one generation.</summary>
    public static IReadOnlyList<DomainPhaseEnergy> Attribute(EnergySamples samples, PhaseTimeline timeline)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(timeline);
        if (samples.Count == 0)
        {
            throw new ArgumentException("no energy samples: was the sampler started?", nameof(samples));
        }
        var result = new List<DomainPhaseEnergy>(samples.Domains.Count);
        for (var d = 0; d < samples.Domains.Count; d++)
        {
            result.Add(AttributeDomain(samples, d, timeline));
        }
        return result;
    }

    /// <summary>Cumulative joules of one domain at a tick, interpolated; clamped (and reported) outside the samples.</summary>
    public static (double Joules, bool Clamped) JoulesAt(EnergySamples samples, int domain, long tick)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var times = samples.Timestamps;
        var joules = samples.Joules(domain);
        if (tick <= times[0] || times.Length == 1)
        {
            return (joules[0], tick < times[0]);
        }
        if (tick >= times[^1])
        {
            return (joules[^1], tick > times[^1]);
        }
        var i = times.BinarySearch(tick);
        if (i >= 0)
        {
            return (joules[i], false);
        }
        var hi = ~i;
        var lo = hi - 1;
        var fraction = (double)(tick - times[lo]) / (times[hi] - times[lo]);
        return (joules[lo] + ((joules[hi] - joules[lo]) * fraction), false);
    }

    private static DomainPhaseEnergy AttributeDomain(EnergySamples samples, int d, PhaseTimeline t)
    {
        var meter = samples.Domains[d];
        var (start, c1) = JoulesAt(samples, d, t.PrefillStart);
        var (prefillEnd, c2) = JoulesAt(samples, d, t.PrefillEnd);
        var (end, c3) = JoulesAt(samples, d, t.End);
        var prefill = prefillEnd - start;
        var decode = end - prefillEnd;
        var totalSeconds = Seconds(samples, t.PrefillStart, t.End);
        var meanWatts = totalSeconds > 0 ? (prefill + decode) / totalSeconds : 0;

        var tokens = new double[t.TokenTimes.Count];
        var previous = prefillEnd;
        for (var i = 0; i < tokens.Length; i++)
        {
            var (at, _) = JoulesAt(samples, d, t.TokenTimes[i]);
            (tokens[i], previous) = (at - previous, at);
        }

        return new DomainPhaseEnergy(
            meter.Domain,
            EnergyKinds.Weakest(meter.Kind, EnergyKind.Attributed),
            Phase(prefill, Seconds(samples, t.PrefillStart, t.PrefillEnd), meter, meanWatts),
            Phase(decode, Seconds(samples, t.PrefillEnd, t.End), meter, meanWatts),
            prefill + decode,
            tokens.Length > 0 ? decode / tokens.Length : null,
            tokens,
            end - previous,
            EventsWithin(samples, d, t.PrefillStart, t.End),
            c1 || c2 || c3);
    }

    private static PhaseValue Phase(double joules, double seconds, MeterDomain meter, double meanWatts)
    {
        var update = meter.UpdateInterval.TotalSeconds;
        var limit = meter.ResolutionJoules + (meanWatts * update);
        return new PhaseValue(joules, seconds, limit, seconds < update || Math.Abs(joules) < limit, seconds < MinUpdates * update);
    }

    private static double Seconds(EnergySamples s, long from, long to) => (double)(to - from) / s.TicksPerSecond;

    /// <summary>Union of one domain's counter events in samples whose interval overlaps [from, to].</summary>
    internal static CounterEvents EventsWithin(EnergySamples s, int d, long from, long to)
    {
        var times = s.Timestamps;
        var events = s.Events(d);
        var result = CounterEvents.None;
        // An event at sample i describes the interval (i-1, i]: take every sample whose interval overlaps the window.
        for (var i = 0; i < times.Length; i++)
        {
            if (times[i] > from && (i == 0 || times[i - 1] < to))
            {
                result |= events[i];
            }
        }
        return result;
    }
}

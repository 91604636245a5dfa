using EnergyGate.Core.Energy.Sampling;
using EnergyGate.Core.Generation;
using EnergyGate.Core.Generation.Batching;

namespace EnergyGate.Core.Energy;

/// <summary>
/// Energy of one sequence that shared its forward passes with others (a batch, or requests in flight
/// to one server): each <see cref="SharedStep"/>'s counter difference is divided among its shares in
/// proportion to their weights, prefill steps by prompt tokens and decode steps equally. Summed over
/// every sequence of a run, the shares give the steps' energy exactly; time between steps belongs to
/// no sequence. A pure function over data.
/// </summary>
public static class SharedAttribution
{
    /// <summary>Energy per domain and phase of the sequence whose shares are <paramref name="shares"/> and timeline <paramref name="timeline"/>.</summary>
    /// <exception cref="ArgumentException">No samples, or no shares.</exception>
    public static IReadOnlyList<DomainPhaseEnergy> Attribute(EnergySamples samples, PhaseTimeline timeline, IReadOnlyList<StepShare> shares)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(timeline);
        ArgumentNullException.ThrowIfNull(shares);
        if (samples.Count == 0)
            throw new ArgumentException("no energy samples: was the sampler started?", nameof(samples));
        if (shares.Count == 0)
            throw new ArgumentException("the sequence took part in no step", nameof(shares));
        var result = new List<DomainPhaseEnergy>(samples.Domains.Count);
        for (var d = 0; d < samples.Domains.Count; d++)
        {
            result.Add(AttributeDomain(samples, d, timeline, shares));
        }
        return result;
    }

    /// <summary>The step's joules in domain <paramref name="domain"/> (interpolated counter difference) and whether a boundary was clamped.</summary>
    public static (double Joules, bool Clamped) StepJoules(EnergySamples samples, int domain, SharedStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        var (start, c1) = PhaseAttribution.JoulesAt(samples, domain, step.Start);
        var (end, c2) = PhaseAttribution.JoulesAt(samples, domain, step.End);
        return (end - start, c1 || c2);
    }

    private static DomainPhaseEnergy AttributeDomain(EnergySamples samples, int d, PhaseTimeline t, IReadOnlyList<StepShare> shares)
    {
        var meter = samples.Domains[d];
        double prefill = 0, decode = 0, stepJoules = 0, stepSeconds = 0, prefillShare = 0, decodeShare = 0;
        int prefillSteps = 0, decodeSteps = 0;
        var clamped = false;
        var tokens = new double[t.TokenTimes.Count];
        long first = long.MaxValue, last = long.MinValue;
        foreach (var share in shares)
        {
            var (joules, c) = StepJoules(samples, d, share.Step);
            clamped |= c;
            var fraction = share.Weight / share.Step.TotalWeight;
            stepJoules += joules;
            stepSeconds += Seconds(samples, share.Step.Start, share.Step.End);
            (first, last) = (Math.Min(first, share.Step.Start), Math.Max(last, share.Step.End));
            if (share.Phase == InferencePhase.Prefill)
            {
                prefill += joules * fraction;
                prefillShare += fraction;
                prefillSteps++;
            }
            else
            {
                decode += joules * fraction;
                decodeShare += fraction;
                decodeSteps++;
                if (share.Token >= 0 && share.Token < tokens.Length)
                {
                    tokens[share.Token] += joules * fraction;
                }
            }
        }
        var meanWatts = stepSeconds > 0 ? stepJoules / stepSeconds : 0;
        var tail = decode - tokens.Sum();
        return new DomainPhaseEnergy(
            meter.Domain,
            EnergyKinds.Weakest(meter.Kind, EnergyKind.Attributed),
            Phase(prefill, Seconds(samples, t.PrefillStart, t.PrefillEnd), meter, meanWatts, prefillSteps == 0 ? 1 : prefillShare / prefillSteps),
            Phase(decode, Seconds(samples, t.PrefillEnd, t.End), meter, meanWatts, decodeSteps == 0 ? 1 : decodeShare / decodeSteps),
            prefill + decode,
            tokens.Length > 0 ? decode / tokens.Length : null,
            tokens,
            tail,
            PhaseAttribution.EventsWithin(samples, d, first, last),
            clamped);
    }

    /// <summary>Like a phase of one sequence, with the resolution limit scaled by the sequence's mean share of its steps.</summary>
    private static PhaseValue Phase(double joules, double seconds, MeterDomain meter, double meanWatts, double share)
    {
        var update = meter.UpdateInterval.TotalSeconds;
        var limit = (meter.ResolutionJoules + (meanWatts * update)) * share;
        return new PhaseValue(joules, seconds, limit, seconds < update || Math.Abs(joules) < limit, seconds < 10 * update);
    }

    private static double Seconds(EnergySamples s, long from, long to) => (double)(to - from) / s.TicksPerSecond;
}

using EnergyGate.Core.Energy.Sampling;

namespace EnergyGate.Core.Energy;

/// <summary>Mean power of one domain while the machine idled before a run.</summary>
/// <param name="Domain">The domain.</param>
/// <param name="Watts">Mean power.</param>
/// <param name="Seconds">Length of the idle window.</param>
/// <param name="Kind">Kind of the underlying counter.</param>
public sealed record DomainIdlePower(EnergyDomain Domain, double Watts, double Seconds, EnergyKind Kind);

/// <summary>Gross energy, the idle share, and the net; net is clamped at zero and the gross always kept.</summary>
/// <param name="GrossJoules">What the counter measured.</param>
/// <param name="IdleJoules">Idle watts x duration.</param>
/// <param name="NetJoules">max(0, gross - idle).</param>
/// <param name="Clamped">True when idle exceeded gross (noise, or the machine was busier while idling).</param>
public sealed record NetEnergy(double GrossJoules, double IdleJoules, double NetJoules, bool Clamped);

/// <summary>Idle baseline: measure before a run, subtract from each result.</summary>
public static class IdlePower
{
    /// <summary>Mean watts per domain between two ticks of the samples (interpolated, like phases).</summary>
    public static IReadOnlyList<DomainIdlePower> FromSamples(EnergySamples samples, long fromTick, long toTick)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var seconds = (double)(toTick - fromTick) / samples.TicksPerSecond;
        if (seconds <= 0)
        {
            throw new ArgumentException("the idle window must have a positive length");
        }
        return [.. samples.Domains.Select((d, i) => new DomainIdlePower(
            d.Domain,
            (PhaseAttribution.JoulesAt(samples, i, toTick).Joules - PhaseAttribution.JoulesAt(samples, i, fromTick).Joules) / seconds,
            seconds,
            d.Kind))];
    }

    /// <summary>
    /// Lets the machine idle for <paramref name="duration"/> with the sampler running and returns the
    /// mean power per domain. The caller keeps the machine otherwise quiet.
    /// </summary>
    public static async Task<IReadOnlyList<DomainIdlePower>> MeasureAsync(EnergySampler sampler, TimeSpan duration, TimeProvider time, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sampler);
        ArgumentNullException.ThrowIfNull(time);
        sampler.SampleNow();
        var from = time.GetTimestamp();
        await Task.Delay(duration, time, cancellationToken).ConfigureAwait(false);
        var to = time.GetTimestamp();
        sampler.SampleNow();
        return FromSamples(sampler.Snapshot(), from, to);
    }

    /// <summary>Gross and net energy of a window of <paramref name="seconds"/> given the idle power.</summary>
    public static NetEnergy Net(double grossJoules, double idleWatts, double seconds)
    {
        var idle = idleWatts * seconds;
        var net = grossJoules - idle;
        return new NetEnergy(grossJoules, idle, Math.Max(0, net), net < 0);
    }
}

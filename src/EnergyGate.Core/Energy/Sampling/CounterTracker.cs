namespace EnergyGate.Core.Energy.Sampling;

/// <summary>
/// Turns one domain's raw counter reads into monotonic cumulative joules (0 at the first read),
/// handling wraps and resets and flagging missed wraps and stuck counters. Pure state machine over
/// (value, timestamp) pairs, so scripted sequences test it against a fake clock.
/// </summary>
internal sealed class CounterTracker(MeterDomain domain, long ticksPerSecond, TimeSpan stuckAfter)
{
    // A wrap is believed only when the energy it implies is within this factor of the maximum power;
    // beyond that the counter must have restarted.
    private const double PlausibilityMargin = 2.0;

    private readonly long _stuckTicks = (long)(stuckAfter.TotalSeconds * ticksPerSecond);
    private bool _started;
    private double _last;
    private long _lastTick;
    private long _lastChangeTick;

    public double Cumulative { get; private set; }

    public CounterEvents Update(double raw, long tick)
    {
        if (!_started)
        {
            _started = true;
            (_last, _lastTick, _lastChangeTick) = (raw, tick, tick);
            return CounterEvents.None;
        }

        var flags = CounterEvents.None;
        var gapSeconds = (double)(tick - _lastTick) / ticksPerSecond;
        if (domain.MaxSafeGap is { } safe && gapSeconds > safe.TotalSeconds)
        {
            flags |= CounterEvents.PossibleMissedWrap;
        }

        var delta = raw - _last;
        if (delta < 0)
        {
            if (domain.WrapJoules is { } wrap && IsPlausible(delta + wrap, gapSeconds))
            {
                delta += wrap;
                flags |= CounterEvents.Wrapped;
            }
            else
            {
                // The counter restarted from zero somewhere in the gap: what it shows now is known,
                // what it counted before the restart is lost.
                delta = Math.Max(raw, 0);
                flags |= CounterEvents.Reset;
            }
        }

        if (delta != 0)
        {
            _lastChangeTick = tick;
        }
        else if (domain.ExpectsPower && tick - _lastChangeTick >= _stuckTicks)
        {
            flags |= CounterEvents.Stuck;
        }

        Cumulative += delta;
        (_last, _lastTick) = (raw, tick);
        return flags;
    }

    /// <summary>Records a failed read: the cumulative value stays, the stuck clock keeps running.</summary>
    public static CounterEvents Failed() => CounterEvents.ReadFailed;

    private bool IsPlausible(double joules, double gapSeconds) =>
        domain.MaxWatts is not { } watts
        || joules <= (watts * gapSeconds * PlausibilityMargin) + domain.ResolutionJoules;
}

namespace EnergyGate.Core.Energy.Nvml;

/// <summary>Cumulative joules from power samples by the trapezoid rule; 0 at the first sample.</summary>
internal sealed class PowerIntegrator(long ticksPerSecond)
{
    private bool _started;
    private long _lastTick;
    private double _lastWatts;
    private double _joules;

    public double Add(long tick, double watts)
    {
        if (_started)
        {
            _joules += (_lastWatts + watts) / 2 * (tick - _lastTick) / ticksPerSecond;
        }
        (_started, _lastTick, _lastWatts) = (true, tick, watts);
        return _joules;
    }
}

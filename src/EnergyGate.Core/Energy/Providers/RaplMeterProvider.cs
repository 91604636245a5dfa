using EnergyGate.Core.Energy.Rapl;

namespace EnergyGate.Core.Energy.Providers;

/// <summary>RAPL counters from powercap sysfs: measured CPU energy, preferred by <c>auto</c>.</summary>
public sealed class RaplMeterProvider : IMeterProvider
{
    /// <inheritdoc/>
    public string Name => RaplMeter.Name;

    /// <inheritdoc/>
    public MeterSide Side => MeterSide.Cpu;

    /// <inheritdoc/>
    public int AutoPriority => 100;

    /// <inheritdoc/>
    public string? AutoNote => "measured counters";

    /// <inheritdoc/>
    public IEnergyMeter Create(MeterEnvironment env, MeterOptions options)
    {
        ArgumentNullException.ThrowIfNull(env);
        ArgumentNullException.ThrowIfNull(options);
        return RaplMeter.Create(env.SysfsRoot, env.Reader, options.Estimate.TdpWatts);
    }

    /// <inheritdoc/>
    public IReadOnlyList<string> Notes(IEnergyMeter meter) => [];

    /// <inheritdoc/>
    public void AddFacts(IEnergyMeter meter, IDictionary<string, string> facts)
    {
    }
}

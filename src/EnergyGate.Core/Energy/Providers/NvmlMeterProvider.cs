using EnergyGate.Core.Energy.Nvml;
using EnergyGate.Core.Measurement;

namespace EnergyGate.Core.Energy.Providers;

/// <summary>NVML: GPU energy counters (or integrated power), and the GPU facts of the fingerprint.</summary>
public sealed class NvmlMeterProvider : IMeterProvider
{
    /// <inheritdoc/>
    public string Name => NvmlMeter.Name;

    /// <inheritdoc/>
    public MeterSide Side => MeterSide.Gpu;

    /// <inheritdoc/>
    public int AutoPriority => 100;

    /// <inheritdoc/>
    public string? AutoNote => null;

    /// <inheritdoc/>
    public IEnergyMeter Create(MeterEnvironment env, MeterOptions options)
    {
        ArgumentNullException.ThrowIfNull(env);
        ArgumentNullException.ThrowIfNull(options);
        return env.Nvml is null ? NvmlMeter.CreateDefault(options.Gpus, env.Time) : NvmlMeter.Create(env.Nvml, options.Gpus, env.Time);
    }

    /// <inheritdoc/>
    public IReadOnlyList<string> Notes(IEnergyMeter meter) => [];

    /// <summary>The first GPU's model, power limit and memory, the driver and the GPU count.</summary>
    public void AddFacts(IEnergyMeter meter, IDictionary<string, string> facts)
    {
        if (meter is NvmlMeter nvml)
        {
            var gpu = nvml.Devices.Count > 0 ? nvml.Devices[0] : null;
            RunFingerprint.AddGpu(facts, gpu?.Name, nvml.DriverVersion, gpu?.PowerLimitWatts, nvml.Devices.Count, gpu?.MemoryBytes);
        }
    }
}

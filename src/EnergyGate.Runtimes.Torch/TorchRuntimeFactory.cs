using EnergyGate.Core.Configuration;
using EnergyGate.Core.Generation;
using EnergyGate.Core.Generation.Batching;
using EnergyGate.Core.Runtimes;

namespace EnergyGate.Runtimes.Torch;

/// <summary>Opens TorchSharp sessions for the run protocol and the <c>generate</c> verb.</summary>
public sealed class TorchRuntimeFactory : IRuntimeDescriptor
{
    /// <summary>The configuration name of this runtime.</summary>
    public const string Name = "torch";

    /// <inheritdoc/>
    public RuntimeDefinition Definition => RuntimeDefinitions.Torch;

    /// <inheritdoc/>
    public string Runtime => Name;

    /// <inheritdoc/>
    public string Version => TorchProviders.Version;

    /// <inheritdoc/>
    public IDecoderSession Open(string modelDirectory, RuntimeSettings runtime) =>
        TorchDecoderSession.Open(modelDirectory, Options(runtime));

    /// <inheritdoc/>
    public IBatchDecoderSession OpenBatch(string modelDirectory, RuntimeSettings runtime, int maxBatchSize) =>
        TorchBatchDecoderSession.Open(modelDirectory, Options(runtime), maxBatchSize);

    /// <inheritdoc/>
    public RuntimeProbe Probe()
    {
        var report = TorchProviders.Probe();
        return new RuntimeProbe(report.Version, [.. report.Devices.Select(d => new ProviderState(
            d.Provider, d.Available, d.Available ? (d.Devices > 0 ? $"({d.Devices} GPU(s))" : "") : d.Reason ?? ""))], report.LoadError);
    }

    private static TorchSessionOptions Options(RuntimeSettings runtime)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        return new TorchSessionOptions
        {
            Provider = runtime.Provider,
            DeviceId = runtime.DeviceId,
            Threads = runtime.Threads,
            DType = runtime.DType ?? TorchDTypes.Fp32,
            AllowCpuFallback = runtime.AllowCpuFallback,
        };
    }
}

using EnergyGate.Core.Configuration;
using EnergyGate.Core.Generation;
using EnergyGate.Core.Runtimes;

namespace EnergyGate.Runtimes.Onnx;

/// <summary>Opens ONNX Runtime sessions for the run protocol and the <c>generate</c> verb.</summary>
public sealed class OnnxRuntimeFactory : IRuntimeDescriptor
{
    /// <summary>The configuration name of this runtime.</summary>
    public const string Name = "onnx";

    /// <inheritdoc/>
    public RuntimeDefinition Definition => RuntimeDefinitions.Onnx;

    /// <inheritdoc/>
    public string Runtime => Name;

    /// <inheritdoc/>
    public string Version => OnnxProviders.OrtVersion;

    /// <inheritdoc/>
    public IDecoderSession Open(string modelDirectory, RuntimeSettings runtime)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        return OnnxDecoderSession.Open(modelDirectory, new OnnxSessionOptions
        {
            Provider = runtime.Provider,
            DeviceId = runtime.DeviceId,
            AllowCpuFallback = runtime.AllowCpuFallback,
            IntraOpThreads = runtime.Threads,
        });
    }

    /// <inheritdoc/>
    public RuntimeProbe Probe()
    {
        var report = OnnxProviders.Probe();
        return new RuntimeProbe(report.OrtVersion, [.. report.Providers.Select(p => new ProviderState(
            p.Provider, p.CanStart, p.CanStart ? $"({p.OrtName})" : $"({p.OrtName}) {(p.Listed ? "listed, cannot start: " : "")}{p.Reason}"))], null);
    }
}

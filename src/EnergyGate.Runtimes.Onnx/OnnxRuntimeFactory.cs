using EnergyGate.Core.Configuration;
using EnergyGate.Core.Generation;
using EnergyGate.Core.Generation.Batching;
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
    public IDecoderSession Open(string modelDirectory, RuntimeSettings runtime) =>
        OnnxDecoderSession.Open(modelDirectory, Options(runtime));

    /// <inheritdoc/>
    /// <remarks>The CPU provider only: the batch KV caches are kept in host memory (EG2061 elsewhere).</remarks>
    public IBatchDecoderSession OpenBatch(string modelDirectory, RuntimeSettings runtime, int maxBatchSize) =>
        OnnxBatchDecoderSession.Open(modelDirectory, Options(runtime), maxBatchSize);

    // One place for both kinds of session, so a batch cell runs under the same settings as a single one.
    private static OnnxSessionOptions Options(RuntimeSettings runtime)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        return new OnnxSessionOptions
        {
            Provider = runtime.Provider,
            DeviceId = runtime.DeviceId,
            AllowCpuFallback = runtime.AllowCpuFallback,
            IntraOpThreads = runtime.Threads,
        };
    }

    /// <inheritdoc/>
    public RuntimeProbe Probe()
    {
        var report = OnnxProviders.Probe();
        return new RuntimeProbe(report.OrtVersion, [.. report.Providers.Select(p => new ProviderState(
            p.Provider, p.CanStart, p.CanStart ? $"({p.OrtName})" : $"({p.OrtName}) {(p.Listed ? "listed, cannot start: " : "")}{p.Reason}"))], null);
    }
}

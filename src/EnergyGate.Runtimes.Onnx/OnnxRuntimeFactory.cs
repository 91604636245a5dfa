using EnergyGate.Core.Configuration;
using EnergyGate.Core.Generation;

namespace EnergyGate.Runtimes.Onnx;

/// <summary>Opens ONNX Runtime sessions for the run protocol and the <c>generate</c> verb.</summary>
public sealed class OnnxRuntimeFactory : IDecoderSessionFactory
{
    /// <summary>The configuration name of this runtime.</summary>
    public const string Name = "onnx";

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
}

using EnergyGate.Core.Configuration;
using EnergyGate.Core.Generation;

namespace EnergyGate.Runtimes.Torch;

/// <summary>Opens TorchSharp sessions for the run protocol and the <c>generate</c> verb.</summary>
public sealed class TorchRuntimeFactory : IDecoderSessionFactory
{
    /// <summary>The configuration name of this runtime.</summary>
    public const string Name = "torch";

    /// <inheritdoc/>
    public string Runtime => Name;

    /// <inheritdoc/>
    public string Version => TorchProviders.Version;

    /// <inheritdoc/>
    public IDecoderSession Open(string modelDirectory, RuntimeSettings runtime)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        return TorchDecoderSession.Open(modelDirectory, new TorchSessionOptions
        {
            Provider = runtime.Provider,
            DeviceId = runtime.DeviceId,
            Threads = runtime.Threads,
            DType = runtime.DType ?? TorchDTypes.Fp32,
            AllowCpuFallback = runtime.AllowCpuFallback,
        });
    }
}

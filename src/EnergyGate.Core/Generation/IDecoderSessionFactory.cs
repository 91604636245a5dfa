using EnergyGate.Core.Configuration;

namespace EnergyGate.Core.Generation;

/// <summary>
/// Opens decoder sessions for one runtime. The tool registers one per runtime package, so Core
/// never references a native inference library.
/// </summary>
public interface IDecoderSessionFactory
{
    /// <summary>The runtime name configured in <c>runtimes[*].runtime</c>, e.g. <c>onnx</c>.</summary>
    string Runtime { get; }

    /// <summary>Runtime version, for the machine fingerprint.</summary>
    string Version { get; }

    /// <summary>Loads the model folder on the configured provider; a provider that cannot start is an <see cref="EnergyGateException"/>.</summary>
    IDecoderSession Open(string modelDirectory, RuntimeSettings runtime);
}

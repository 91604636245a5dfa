using EnergyGate.Core.Generation;

namespace EnergyGate.Core.Measurement;

/// <summary>
/// Reads the plan's runtimes' versions on a thread of their own while the run's thread loads the
/// models. Reading a runtime's version loads its native libraries (ONNX Runtime's environment,
/// libtorch: ~0.4 s of a cold <c>check</c>, benchmarks/README.md "A cold check"), which the results
/// header used to do on the run's thread after the idle window; the header's own read is then
/// cheap. The run waits for it before the idle window, so nothing of it runs while energy is measured.
/// </summary>
internal sealed class RuntimeVersions
{
    private readonly Thread _thread;
    private readonly List<string> _read = [];
    private readonly List<string> _failed = [];

    private RuntimeVersions(IReadOnlyList<IDecoderSessionFactory> factories)
    {
        _thread = new Thread(() => Read(factories)) { IsBackground = true, Name = "EnergyGate runtime versions" };
    }

    /// <summary>Starts reading the version of each of <paramref name="factories"/>, once per runtime.</summary>
    public static RuntimeVersions Start(IEnumerable<IDecoderSessionFactory> factories)
    {
        var versions = new RuntimeVersions([.. factories.DistinctBy(f => f.Runtime, StringComparer.Ordinal)]);
        versions._thread.Start();
        return versions;
    }

    /// <summary>Waits for the thread.</summary>
    public void Wait() => _thread.Join();

    /// <summary>The runtimes whose version was read, in order (after <see cref="Wait"/>).</summary>
    public IReadOnlyList<string> Loaded => _read;

    /// <summary>The runtimes whose version could not be read (after <see cref="Wait"/>): the header reads it again and reports the error there, as before.</summary>
    public IReadOnlyList<string> Failed => _failed;

    private void Read(IReadOnlyList<IDecoderSessionFactory> factories)
    {
        foreach (var factory in factories)
        {
            try
            {
                _ = factory.Version;
                _read.Add(factory.Runtime);
            }
#pragma warning disable CA1031 // Any failure is the header's to report, on the run's thread, as before.
            catch (Exception)
#pragma warning restore CA1031
            {
                _failed.Add(factory.Runtime);
            }
        }
    }
}

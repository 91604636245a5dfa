using System.Diagnostics;
using EnergyGate.Core.Models.Tiny;

namespace EnergyGate.Runtimes.Tests.TestSupport;

/// <summary>The default built-in tiny model, written once for a test class.</summary>
public sealed class TinyModelFixture : IDisposable
{
    private readonly TempFolder _temp = new();

    public TinyModelFixture()
    {
        Folder = System.IO.Path.Combine(_temp.Path, "tiny");
        var clock = Stopwatch.StartNew();
        TinyModelWriter.Write(Folder, Spec);
        WriteTime = clock.Elapsed;
    }

    public TinyModelSpec Spec { get; } = new();

    public string Folder { get; }

    public TimeSpan WriteTime { get; }

    public void Dispose() => _temp.Dispose();
}

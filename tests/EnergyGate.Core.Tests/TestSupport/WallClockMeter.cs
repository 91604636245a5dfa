using EnergyGate.Core.Energy;
using EnergyGate.Core.Measurement;

namespace EnergyGate.Core.Tests.TestSupport;

/// <summary>A counter that rises with wall-clock time at 10 W, like a package meter would.</summary>
/// <param name="chargesThisProcess">Whether the domain counts this process's own CPU time (as the estimate does).</param>
public sealed class WallClockMeter(bool chargesThisProcess = false) : IEnergyMeter
{
    private readonly long _start = TimeProvider.System.GetTimestamp();

    public MeterInfo Info { get; } = new("fake", true, null, [new MeterDomain(EnergyDomain.Cpu, EnergyKind.Measured, 1e-6, TimeSpan.FromMilliseconds(1)) { ChargesThisProcess = chargesThisProcess }]);

    public void Read(Span<double> joules) => joules[0] = 10 * TimeProvider.System.GetElapsedTime(_start).TotalSeconds;

    public void Dispose() { }
}

/// <summary>Cancels a run once it reports <paramref name="samples"/> recorded samples: a run killed mid-way.</summary>
public sealed class CancelAfter(int samples, CancellationTokenSource cts) : IProgress<RunProgress>
{
    public void Report(RunProgress value)
    {
        if (value.Done >= samples)
        {
            cts.Cancel();
        }
    }
}

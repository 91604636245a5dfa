using System.Diagnostics;

namespace EnergyGate.Core.Tests.Generation.Fakes;

/// <summary>A clock in Stopwatch ticks that moves only when told, plus an optional step per read.</summary>
public sealed class FakeClock(long start = 0, long stepPerRead = 0) : TimeProvider
{
    public long Now { get; private set; } = start;

    public override long TimestampFrequency => Stopwatch.Frequency;

    public void Advance(long ticks) => Now += ticks;

    public override long GetTimestamp()
    {
        var now = Now;
        Now += stepPerRead;
        return now;
    }
}

namespace EnergyGate.Core.Tests.Energy;

/// <summary>A clock that moves only when told; 1 tick = 1 microsecond, so scripts read easily.</summary>
internal sealed class FakeTime : TimeProvider
{
    public long Now { get; set; }

    public override long TimestampFrequency => 1_000_000;

    public override long GetTimestamp() => Now;

    public void Advance(TimeSpan by) => Now += (long)(by.TotalSeconds * TimestampFrequency);
}

namespace EnergyGate.Core.Tests.Generation.ChatTemplates;

/// <summary>The clock render_fixtures.py pins strftime_now to (2024-09-03 14:05:09, local = UTC).</summary>
internal sealed class FixedClock : TimeProvider
{
    public static readonly FixedClock Fixtures = new(new DateTimeOffset(2024, 9, 3, 14, 5, 9, TimeSpan.Zero));

    private readonly DateTimeOffset _now;

    private FixedClock(DateTimeOffset now) => _now = now;

    public override DateTimeOffset GetUtcNow() => _now;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
}

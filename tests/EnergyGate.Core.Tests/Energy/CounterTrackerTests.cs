using EnergyGate.Core.Energy;
using EnergyGate.Core.Energy.Sampling;

namespace EnergyGate.Core.Tests.Energy;

public sealed class CounterTrackerTests
{
    // A RAPL-like counter with a small range so wraps are easy to script: 1000 J, 100 W max.
    private static readonly MeterDomain Rapl = new(EnergyDomain.PackageOf(0), EnergyKind.Measured, 1e-6, TimeSpan.FromMilliseconds(1))
    {
        WrapJoules = 1000,
        MaxWatts = 100,
        MaxSafeGap = TimeSpan.FromSeconds(5), // 1000 / (2 x 100)
        ExpectsPower = true,
    };

    private const long Second = 1_000_000;

    private static CounterTracker Tracker(MeterDomain? d = null) => new(d ?? Rapl, Second, TimeSpan.FromSeconds(2));

    [Fact]
    public void Single_wrap_adds_the_range()
    {
        var t = Tracker();
        t.Update(990, 0);
        var events = t.Update(40, 1 * Second);

        Assert.Equal(CounterEvents.Wrapped, events);
        Assert.Equal(50, t.Cumulative, 9);
    }

    [Fact]
    public void Gap_longer_than_the_wrap_safe_period_flags_a_possible_missed_wrap()
    {
        // 12 s at up to 100 W could be 1200 J: the counter may have gone round twice; only one wrap is visible.
        var t = Tracker();
        t.Update(900, 0);
        var events = t.Update(100, 12 * Second);

        Assert.True(events.HasFlag(CounterEvents.Wrapped));
        Assert.True(events.HasFlag(CounterEvents.PossibleMissedWrap));
        Assert.Equal(200, t.Cumulative, 9);
    }

    [Fact]
    public void Two_wraps_seen_one_by_one_are_both_counted()
    {
        var t = Tracker();
        t.Update(900, 0);
        var first = t.Update(100, 2 * Second);
        t.Update(450, 4 * Second);
        t.Update(800, 6 * Second);
        var second = t.Update(150, 8 * Second);

        Assert.Equal(CounterEvents.Wrapped, first);
        Assert.Equal(CounterEvents.Wrapped, second);
        Assert.Equal(200 + 350 + 350 + 350, t.Cumulative, 9);
    }

    [Fact]
    public void Drop_to_near_zero_that_no_wrap_explains_is_a_reset()
    {
        // Wrapping from 500 to 0.5 in 10 ms would mean ~50 kW: the counter restarted instead.
        var t = Tracker();
        t.Update(400, 0);
        t.Update(500, 1 * Second);
        var events = t.Update(0.5, (1 * Second) + 10_000);

        Assert.Equal(CounterEvents.Reset, events);
        Assert.Equal(100.5, t.Cumulative, 9);
    }

    [Fact]
    public void Any_decrease_of_a_counter_without_a_range_is_a_reset()
    {
        var nvml = new MeterDomain(EnergyDomain.GpuOf(0), EnergyKind.Measured, 1e-3, TimeSpan.FromMilliseconds(100));
        var t = Tracker(nvml);
        t.Update(5000, 0);
        var events = t.Update(2, Second);

        Assert.Equal(CounterEvents.Reset, events);
        Assert.Equal(2, t.Cumulative, 9);
    }

    [Fact]
    public void Counter_that_stops_moving_while_powered_is_flagged_stuck_after_the_threshold()
    {
        var t = Tracker();
        t.Update(10, 0);
        t.Update(20, Second);
        var flags = new[] { t.Update(20, 2 * Second), t.Update(20, 3 * Second), t.Update(20, 4 * Second), t.Update(21, 5 * Second) };

        Assert.Equal([CounterEvents.None, CounterEvents.Stuck, CounterEvents.Stuck, CounterEvents.None], flags);
    }

    [Fact]
    public void Estimated_counter_of_an_idle_process_is_not_stuck()
    {
        var estimate = new MeterDomain(EnergyDomain.Cpu, EnergyKind.Estimated, 0.1, TimeSpan.FromMilliseconds(10));
        var t = Tracker(estimate);
        t.Update(1, 0);

        Assert.Equal(CounterEvents.None, t.Update(1, 60 * Second));
    }
}

using EnergyGate.Core.Energy;
using EnergyGate.Core.Energy.Sampling;
using EnergyGate.Core.Generation;

namespace EnergyGate.Core.Tests.Energy;

public sealed class PhaseAttributionTests
{
    private static readonly MeterDomain Package = new(EnergyDomain.PackageOf(0), EnergyKind.Measured, 1e-6, TimeSpan.FromMilliseconds(1));

    // Ticks are microseconds. Samples every 100 ms; power 100 W, then 200 W, then 300 W.
    private static EnergySamples Samples(MeterDomain? domain = null, CounterEvents[]? events = null) =>
        new([domain ?? Package], 1_000_000, [0, 100_000, 200_000, 300_000], [[0, 10, 30, 60]], [events ?? new CounterEvents[4]], 4);

    [Fact]
    public void Hand_computed_interpolation_splits_prefill_decode_and_tokens()
    {
        // J(50 ms) = 5, J(150 ms) = 20, J(200 ms) = 30, J(240 ms) = 30 + 0.4 x 30 = 42, J(250 ms) = 45.
        var timeline = new PhaseTimeline(50_000, 150_000, [150_000, 200_000, 240_000], 250_000);

        var e = PhaseAttribution.Attribute(Samples(), timeline).Single();

        Assert.Equal(15, e.Prefill.Joules, 9);
        Assert.Equal(25, e.Decode.Joules, 9);
        Assert.Equal(40, e.TotalJoules, 9);
        Assert.Equal([0, 10, 12], e.TokenJoules.Select(j => Math.Round(j, 9)));
        Assert.Equal(3, e.TailJoules, 9);
        Assert.Equal(25.0 / 3, e.DecodeJoulesPerToken!.Value, 9);
        Assert.Equal(0.1, e.Prefill.Seconds, 12);
        Assert.False(e.OutsideSamples);
    }

    [Fact]
    public void Prefill_plus_decode_equals_the_total_exactly_on_random_counters()
    {
        var random = new Random(20240611);
        for (var trial = 0; trial < 200; trial++)
        {
            var n = random.Next(2, 50);
            var times = new long[n];
            var joules = new double[n];
            for (var i = 1; i < n; i++)
            {
                times[i] = times[i - 1] + random.Next(1, 20_000);
                joules[i] = joules[i - 1] + (random.NextDouble() * 3.7);
            }
            var samples = new EnergySamples([Package], 1_000_000, times, [joules], [new CounterEvents[n]], n);
            var marks = Enumerable.Range(0, 3).Select(_ => random.NextInt64(0, times[^1])).Order().ToArray();
            var timeline = new PhaseTimeline(marks[0], marks[1], [marks[1], marks[2]], marks[2]);

            var e = PhaseAttribution.Attribute(samples, timeline).Single();
            var direct = PhaseAttribution.JoulesAt(samples, 0, marks[2]).Joules - PhaseAttribution.JoulesAt(samples, 0, marks[0]).Joules;

            Assert.Equal(e.TotalJoules, e.Prefill.Joules + e.Decode.Joules);
            Assert.True(Math.Abs(e.TotalJoules - direct) <= 1e-9, $"trial {trial}: {e.TotalJoules} vs {direct}");
            Assert.True(Math.Abs(e.TokenJoules.Sum() + e.TailJoules - e.Decode.Joules) <= 1e-9);
        }
    }

    [Fact]
    public void Phases_shorter_than_the_counter_update_report_the_resolution_limit()
    {
        var nvml = new MeterDomain(EnergyDomain.GpuOf(0), EnergyKind.Measured, 1e-3, TimeSpan.FromMilliseconds(100));
        var timeline = new PhaseTimeline(100_000, 150_000, [150_000], 300_000);

        var e = PhaseAttribution.Attribute(Samples(nvml), timeline).Single();

        Assert.True(e.Prefill.BelowResolution);   // 50 ms < one 100 ms update
        Assert.False(e.Decode.BelowResolution);   // 150 ms
        Assert.True(e.Decode.FewUpdates);         // < 10 updates
        // Limit = 1 mJ + mean power (50 J / 0.2 s = 250 W) x 0.1 s.
        Assert.Equal(25.001, e.Prefill.LimitJoules, 9);
    }

    [Theory]
    [InlineData(EnergyKind.Measured, EnergyKind.Attributed)]
    [InlineData(EnergyKind.Integrated, EnergyKind.Attributed)]
    [InlineData(EnergyKind.Estimated, EnergyKind.Estimated)]
    public void Shares_take_the_weaker_of_the_counter_kind_and_attributed(EnergyKind counter, EnergyKind expected)
    {
        var timeline = new PhaseTimeline(0, 100_000, [100_000], 200_000);

        var e = PhaseAttribution.Attribute(Samples(Package with { Kind = counter }), timeline).Single();

        Assert.Equal(expected, e.Kind);
    }

    [Fact]
    public void Boundaries_outside_the_samples_are_clamped_and_reported()
    {
        var timeline = new PhaseTimeline(-50_000, 100_000, [], 400_000);

        var e = PhaseAttribution.Attribute(Samples(), timeline).Single();

        Assert.True(e.OutsideSamples);
        Assert.Equal(60, e.TotalJoules, 9);
        Assert.Null(e.DecodeJoulesPerToken);
    }

    [Fact]
    public void Counter_events_inside_the_window_are_carried_and_outside_ones_are_not()
    {
        CounterEvents[] events = [CounterEvents.None, CounterEvents.None, CounterEvents.Wrapped, CounterEvents.Stuck];

        var inside = PhaseAttribution.Attribute(Samples(events: events), new PhaseTimeline(110_000, 150_000, [], 190_000)).Single();
        var before = PhaseAttribution.Attribute(Samples(events: events), new PhaseTimeline(0, 50_000, [], 90_000)).Single();

        Assert.Equal(CounterEvents.Wrapped, inside.Events);
        Assert.Equal(CounterEvents.None, before.Events);
    }

    [Fact]
    public void Aggregate_kind_is_the_weakest_part()
    {
        Assert.Equal(EnergyKind.Estimated, EnergyKinds.Weakest([EnergyKind.Measured, EnergyKind.Estimated, EnergyKind.Attributed]));
        Assert.Equal(EnergyKind.Integrated, EnergyKinds.Weakest(EnergyKind.Measured, EnergyKind.Integrated));
    }
}

using EnergyGate.Core.Energy;
using EnergyGate.Core.Energy.Sampling;
using EnergyGate.Core.Generation;
using EnergyGate.Core.Generation.Batching;
using EnergyGate.Core.Runtimes.Served;

namespace EnergyGate.Core.Tests.Runtimes.Served;

/// <summary>In-flight intervals shared equally, by hand-computed events and counters.</summary>
public sealed class ServedTimelineTests
{
    private static readonly MeterDomain Package = new(EnergyDomain.PackageOf(0), EnergyKind.Measured, 1e-6, TimeSpan.FromMilliseconds(1));

    [Fact]
    public void Intervals_are_shared_by_the_requests_in_flight_each_in_its_own_phase()
    {
        // Ticks are milliseconds; 100 W throughout: J(t) = t / 10.
        var samples = new EnergySamples([Package], 1000, [0, 1000], [[0, 100]], [new CounterEvents[2]], 2);
        ServedEvent[] events =
        [
            new(0, 0, ServedEventKind.Sent, 0),
            new(10, 1, ServedEventKind.Sent, 0),
            new(20, 0, ServedEventKind.Chunk, 2),
            new(30, 1, ServedEventKind.Chunk, 1),
            new(40, 0, ServedEventKind.End, 2),
            new(60, 1, ServedEventKind.End, 1),
            new(80, 2, ServedEventKind.Sent, 0),   // 60-80: nothing in flight, charged to nobody
            new(90, 2, ServedEventKind.End, 0),
        ];

        var shares = ServedTimeline.Shares(events);

        Assert.Equal([InferencePhase.Prefill, InferencePhase.Prefill, InferencePhase.Decode, InferencePhase.Decode], shares[0].Select(s => s.Phase));
        Assert.Equal([1.0, 2, 2, 2], shares[0].Select(s => s.Step.TotalWeight));
        Assert.Equal(2, shares[0][^1].Token);
        Assert.Equal([InferencePhase.Prefill, InferencePhase.Prefill, InferencePhase.Decode, InferencePhase.Decode], shares[1].Select(s => s.Phase));
        var a = SharedAttribution.Attribute(samples, new PhaseTimeline(0, 20, [20, 20], 40), shares[0]).Single();
        var b = SharedAttribution.Attribute(samples, new PhaseTimeline(10, 30, [30], 60), shares[1]).Single();
        var c = SharedAttribution.Attribute(samples, new PhaseTimeline(80, 90, [90], 90), shares[2]).Single();
        // a: 0-10 alone (1 J) + 10-20 half (0.5 J) prefill; 20-40 half (1 J) decode.
        Assert.Equal((1.5, 1.0), (Math.Round(a.Prefill.Joules, 9), Math.Round(a.Decode.Joules, 9)));
        // b: 10-30 half (1 J) prefill; 30-40 half (0.5 J) + 40-60 alone (2 J) decode.
        Assert.Equal((1.0, 2.5), (Math.Round(b.Prefill.Joules, 9), Math.Round(b.Decode.Joules, 9)));
        // 0-60 and 80-90 were in flight: 6 J + 1 J.
        Assert.Equal(7.0, a.TotalJoules + b.TotalJoules + c.TotalJoules, 9);
    }
}

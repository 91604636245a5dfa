using EnergyGate.Core.Energy;
using EnergyGate.Core.Energy.Sampling;
using EnergyGate.Core.Generation;
using EnergyGate.Core.Generation.Batching;
using EnergyGate.Core.Tests.Generation.Fakes;

namespace EnergyGate.Core.Tests.Energy;

public sealed class SharedAttributionTests
{
    private static readonly MeterDomain Package = new(EnergyDomain.PackageOf(0), EnergyKind.Measured, 1e-6, TimeSpan.FromMilliseconds(1));

    [Fact]
    public void A_step_is_divided_by_weight_and_hand_computed_shares_add_up()
    {
        // Ticks are microseconds; 100 W throughout: J(t) = t / 10_000.
        var samples = new EnergySamples([Package], 1_000_000, [0, 1_000_000], [[0, 100]], [new CounterEvents[2]], 2);
        var prefill = new SharedStep(0, 30_000, 30);          // 3 J: prompts of 10 and 20 tokens
        var decode1 = new SharedStep(30_000, 40_000, 2);      // 1 J: both sequences
        var decode2 = new SharedStep(45_000, 50_000, 1);      // 0.5 J: only the second
        var a = new[] { new StepShare(prefill, InferencePhase.Prefill, 10, 0), new StepShare(decode1, InferencePhase.Decode, 1, 1) };
        var b = new[] { new StepShare(prefill, InferencePhase.Prefill, 20, 0), new StepShare(decode1, InferencePhase.Decode, 1, 1), new StepShare(decode2, InferencePhase.Decode, 1, 2) };

        var ea = SharedAttribution.Attribute(samples, new PhaseTimeline(0, 29_000, [30_000, 40_000], 40_000), a).Single();
        var eb = SharedAttribution.Attribute(samples, new PhaseTimeline(0, 29_000, [30_000, 40_000, 50_000], 50_000), b).Single();

        Assert.Equal(1.0, ea.Prefill.Joules, 9);
        Assert.Equal(2.0, eb.Prefill.Joules, 9);
        Assert.Equal(0.5, ea.Decode.Joules, 9);
        Assert.Equal(1.0, eb.Decode.Joules, 9);
        Assert.Equal([0, 0.5, 0.5], eb.TokenJoules.Select(j => Math.Round(j, 9)));
        // Per generated token, as for one sequence: decode joules over all three tokens.
        Assert.Equal(1.0 / 3, eb.DecodeJoulesPerToken!.Value, 9);
        // The 5 ms between the decode steps belonged to no step: 4.5 J of the 5 J elapsed were shared.
        Assert.Equal(4.5, ea.TotalJoules + eb.TotalJoules, 9);
        Assert.Equal(EnergyKind.Attributed, ea.Kind);
    }

    [Fact]
    public void Over_a_scheduled_run_the_sequences_energy_equals_the_steps_energy_on_random_counters()
    {
        var random = new Random(1604);
        var clock = new FakeClock(10);
        var tokenizer = new ByteTokenizer();
        var requests = Enumerable.Range(0, 13).Select(i => new BatchRequest(i, tokenizer.Encode(new string((char)('B' + i), 2 + i % 6)), new GenerationSettings { MaxNewTokens = 5 + i })).ToList();
        var done = new BatchScheduler(new RuleBatchSession(4, clock), tokenizer, new BatchOptions(4, true), clock).Run(requests).ToList();
        var end = clock.Now + 10;
        var n = 40;
        var times = Enumerable.Range(0, n).Select(i => (long)(i * (end / (double)(n - 1)))).ToArray();
        var joules = new double[n];
        for (var i = 1; i < n; i++)
        {
            joules[i] = joules[i - 1] + (random.NextDouble() * 5);
        }
        var samples = new EnergySamples([Package], 1_000_000, times, [joules], [new CounterEvents[n]], n);

        var total = done.Sum(d => SharedAttribution.Attribute(samples, d.Result.Timeline, d.Shares).Single().TotalJoules);
        var steps = done.SelectMany(d => d.Shares.Select(s => s.Step)).Distinct().ToList();
        var stepsTotal = steps.Sum(s => SharedAttribution.StepJoules(samples, 0, s).Joules);

        Assert.True(Math.Abs(total - stepsTotal) <= 1e-9 * stepsTotal, $"{total} vs {stepsTotal}");
        foreach (var d in done)
        {
            var e = SharedAttribution.Attribute(samples, d.Result.Timeline, d.Shares).Single();
            Assert.True(Math.Abs(e.TokenJoules.Sum() + e.TailJoules - e.Decode.Joules) <= 1e-9);
        }
    }
}

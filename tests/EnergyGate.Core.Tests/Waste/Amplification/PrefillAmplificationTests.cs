using EnergyGate.Core.Measurement;
using EnergyGate.Core.Waste.Amplification;

namespace EnergyGate.Core.Tests.Waste.Amplification;

public sealed class PrefillAmplificationTests
{
    [Fact]
    public void A_known_20_percent_effect_is_detected_with_an_interval_above_zero()
    {
        var result = PrefillAmplification.Analyze(Synthetic.Sweep(effect: 1.2, perLength: 10, seed: 1));
        Assert.True(result.HasSpread);
        var ratio = result.Amplification!.Value;
        Assert.InRange(ratio.Estimate, 1.15, 1.25);
        Assert.True(ratio.Lower > 1, $"lower bound {ratio.Lower}");
        Assert.InRange(1.2, ratio.Lower, ratio.Upper);
        Assert.Equal([128, 512, 2048], result.Buckets.Select(b => b.MinPromptTokens));
        Assert.All(result.Buckets, b => Assert.Equal(10, b.Count));
        Assert.True(result.Slope!.Lower > 0);
    }

    [Fact]
    public void No_effect_gives_an_interval_that_includes_zero()
    {
        var result = PrefillAmplification.Analyze(Synthetic.Sweep(effect: 1.0, perLength: 10, seed: 2));
        var ratio = result.Amplification!.Value;
        Assert.InRange(1.0, ratio.Lower, ratio.Upper);
        Assert.InRange(ratio.Estimate, 0.97, 1.03);
        Assert.InRange(0.0, result.Slope!.Lower, result.Slope.Upper);
    }

    [Fact]
    public void Many_distinct_lengths_are_cut_into_equal_count_buckets()
    {
        var samples = Enumerable.Range(0, 30).Select(i => (100 + i, 0.01 + i * 1e-4)).ToList();
        var result = PrefillAmplification.Analyze(samples);
        Assert.Equal([10, 10, 10], result.Buckets.Select(b => b.Count));
        Assert.Equal((100, 109), (result.Buckets[0].MinPromptTokens, result.Buckets[0].MaxPromptTokens));
        Assert.Equal(104.5, result.Buckets[0].MedianPromptTokens);
    }

    [Fact]
    public void Equal_lengths_never_straddle_a_bucket_cut()
    {
        // 7 at 100, 1 each at 101..108: a plain tertile cut at index 5 would split the 100s.
        var samples = Enumerable.Repeat((100, 0.01), 7).Concat(Enumerable.Range(101, 8).Select(l => (l, 0.011))).ToList();
        var result = PrefillAmplification.Analyze(samples);
        Assert.Equal(7, result.Buckets[0].Count);
        Assert.Equal(100, result.Buckets[0].MaxPromptTokens);
        Assert.All(result.Buckets.Skip(1), b => Assert.True(b.MinPromptTokens > 100));
    }

    [Fact]
    public void A_thin_bucket_falls_back_to_fewer_buckets()
    {
        var samples = Enumerable.Repeat((128, 0.01), 5).Concat(Enumerable.Repeat((512, 0.011), 5)).Append((2048, 0.012)).ToList();
        var result = PrefillAmplification.Analyze(samples);
        Assert.True(result.HasSpread);
        Assert.Equal(2, result.Buckets.Count);
        Assert.Equal([5, 6], result.Buckets.Select(b => b.Count));
    }

    [Fact]
    public void One_prompt_length_is_not_enough_spread()
    {
        var result = PrefillAmplification.Analyze([.. Enumerable.Repeat((512, 0.01), 10)]);
        Assert.False(result.HasSpread);
        Assert.Null(result.Slope);
        Assert.Null(result.Amplification);
        Assert.Empty(result.Buckets);
        Assert.Contains("distinct prompt lengths", result.NotEnoughSpread, StringComparison.Ordinal);
    }

    [Fact]
    public void Fewer_than_three_samples_per_bucket_is_not_enough_spread()
    {
        var result = PrefillAmplification.Analyze([(128, 0.01), (128, 0.011), (2048, 0.012), (2048, 0.013)]);
        Assert.False(result.HasSpread);
        Assert.NotNull(result.Slope);
        Assert.Null(result.Amplification);
        Assert.Contains("fewer than 3 samples", result.NotEnoughSpread, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_input_and_unusable_samples_do_not_throw()
    {
        Assert.False(PrefillAmplification.Analyze([]).HasSpread);
        var result = PrefillAmplification.Analyze([(0, 0.01), (128, double.NaN), (256, -1), (512, double.PositiveInfinity)]);
        Assert.Equal(4, result.Dropped);
        Assert.Equal(0, result.Samples);
        Assert.False(result.HasSpread);
    }

    [Fact]
    public void Zero_joule_samples_fall_back_to_a_shift_relative_to_the_shortest_bucket()
    {
        var samples = new List<(int, double)> { (128, 0.01), (128, 0.01), (128, 0.01), (2048, 0), (2048, 0.02), (2048, 0.02) };
        var result = PrefillAmplification.Analyze(samples);
        Assert.True(result.HasSpread);
        Assert.Equal(2, result.Amplification!.Value.Estimate, 9);
    }

    [Fact]
    public void Journal_samples_are_read_as_decode_joules_over_generated_tokens()
    {
        var records = Synthetic.Sweep(effect: 1.2, perLength: 10, seed: 3)
            .Select((s, i) => Sample(i, s.PromptTokens, generated: 100, decodeJoules: s.DecodeJoulesPerToken * 100))
            .Append(Sample(99, 128, generated: 0, decodeJoules: 0)).ToList();
        var result = PrefillAmplification.FromJournal(records);
        Assert.Equal(1, result.Dropped);
        Assert.True(result.Amplification!.Value.Lower > 1);
    }

    private static SampleRecord Sample(int index, int prompt, int generated, double decodeJoules) => new()
    {
        Cell = "smoke/m/cpu", Repetition = 0, TaskId = "Smoke/0", SampleIndex = index, PromptTokens = prompt,
        GeneratedTokens = generated, StopReason = "eos", PrefillSeconds = 0.1, TtftSeconds = 0.1, DecodeSeconds = 1,
        PrefillJoules = 1, DecodeJoules = decodeJoules, EnergyKind = "Measured", Domains = [], Completion = "",
    };
}

using EnergyGate.Core.Configuration;
using EnergyGate.Core.Measurement;
using EnergyGate.Core.Scoring;

namespace EnergyGate.Core.Tests.Measurement;

/// <summary>The interleaved job's order: warm-ups of both sides first, then every repetition as a pair, AB then BA.</summary>
public sealed class InterleavedScheduleTests
{
    private static RunPlan Plan(int cells, int repetitions, int warmup = 1) => RunPlan.Create(
        new ResolvedSettings(null, "/c", "/r", [.. Enumerable.Range(0, cells).Select(i => new SuiteSettings($"s{i}", null, [1], 1))], new SandboxOptions())
        {
            Runtimes = [new RuntimeSettings("fake", "cpu", 0, 0, false)],
            Measurement = MeasurementSettings.Default with { Repetitions = repetitions, Warmup = warmup },
        });

    private static string Text(IEnumerable<LaneStep> steps) => string.Join(" ", steps.Select(s =>
        $"{(s.Lane == InterleavedSchedule.Base ? "A" : "B")}{s.Step.Cell}{(s.Step.IsWarmup ? "w" : s.Step.Repetition.ToString(System.Globalization.CultureInfo.InvariantCulture))}"));

    [Fact]
    public void One_cell_alternates_ABBA_after_both_warm_ups()
    {
        var schedule = InterleavedSchedule.Create(Plan(1, 4), Plan(1, 4));
        Assert.Equal("A0w B0w A00 B00 B01 A01 A02 B02 B03 A03", Text(schedule));
    }

    [Fact]
    public void Every_cell_is_paired_in_every_repetition_and_each_side_goes_first_equally_often()
    {
        var basePlan = Plan(3, 6, warmup: 2);
        var schedule = InterleavedSchedule.Create(basePlan, Plan(3, 6, warmup: 2));
        var recorded = schedule.Where(s => !s.Step.IsWarmup).ToList();
        Assert.Equal(2 * 3 * 6, recorded.Count);
        for (var i = 0; i < recorded.Count; i += 2)
        {
            // The two passes of a pair are adjacent: nothing of another cell runs between them.
            Assert.Equal(recorded[i].Step, recorded[i + 1].Step);
            Assert.NotEqual(recorded[i].Lane, recorded[i + 1].Lane);
        }
        foreach (var cell in Enumerable.Range(0, 3))
        {
            var firsts = recorded.Where((s, i) => i % 2 == 0 && s.Step.Cell == cell).GroupBy(s => s.Lane).ToDictionary(g => g.Key, g => g.Count());
            Assert.Equal(3, firsts[InterleavedSchedule.Base]);
            Assert.Equal(3, firsts[InterleavedSchedule.Head]);
            // Both sides' warm-ups come right before the cell's first pair.
            var firstPair = schedule.ToList().FindIndex(s => s.Step.Cell == cell && !s.Step.IsWarmup);
            Assert.Equal("AwAwBwBw", string.Concat(schedule.Skip(firstPair - 4).Take(4).Select(s => (s.Lane == 0 ? "A" : "B") + (s.Step.IsWarmup ? "w" : "r"))));
        }
        // The base plan's shuffled cell order is kept, so drift still spreads over cells.
        Assert.Equal(basePlan.Steps.Where(s => !s.IsWarmup), recorded.Where((_, i) => i % 2 == 0).Select(s => s.Step));
    }

    [Fact]
    public void Plans_that_cannot_pair_are_refused()
    {
        Assert.Throws<ArgumentException>(() => InterleavedSchedule.Create(Plan(2, 4), Plan(1, 4)));
        Assert.Throws<ArgumentException>(() => InterleavedSchedule.Create(Plan(1, 4), Plan(1, 5)));
        Assert.Throws<ArgumentException>(() => InterleavedSchedule.Create(Plan(1, 5), Plan(1, 4)));
    }

    [Theory]
    [InlineData(0.01, 7)]    // 2^-7 = 0.0078 < 0.01 <= 2^-6
    [InlineData(0.05, 5)]    // 2^-5 = 0.031
    [InlineData(0.0625, 5)]  // 2^-4 is not below 0.0625
    public void Pairs_needed_for_alpha_are_the_fewest_whose_exact_p_can_fall_below_it(double alpha, int pairs)
    {
        Assert.Equal(pairs, InterleavedRun.PairsNeeded(alpha));
        Assert.True(Math.Pow(2, -pairs) < alpha);
        Assert.False(Math.Pow(2, -(pairs - 1)) < alpha);
    }
}

using EnergyGate.Core.Configuration;
using EnergyGate.Core.Generation;
using EnergyGate.Core.Measurement;
using EnergyGate.Core.Measurement.Sharding;
using EnergyGate.Core.Scoring;
using EnergyGate.Core.Suites.Smoke;
using EnergyGate.Core.Tests.Generation.Fakes;

namespace EnergyGate.Core.Tests.Measurement.Sharding;

/// <summary>Applying a shard to a prepared plan, and splitting a plan's repetitions into rounds.</summary>
public sealed class RunShardingTests
{
    private static ResolvedSettings Settings(int repetitions = 3, int warmup = 1) =>
        new(null, "/c", "/r", [new SuiteSettings("smoke", null, [1], 2) { Limit = 5 }, new SuiteSettings("humaneval", null, [1], 1) { Limit = 3 }], new SandboxOptions())
        {
            Runtimes = [new RuntimeSettings("fake", "cpu", 0, 0, false)],
            Measurement = MeasurementSettings.Default with { Repetitions = repetitions, Warmup = warmup },
        };

    private static (RunPlan Plan, List<CellInputs> Inputs) Prepared()
    {
        var plan = RunPlan.Create(Settings());
        var tasks = SmokeSuite.Load();
        var inputs = new List<CellInputs>
        {
            new([.. tasks.Take(5)], "/m", new ByteTokenizer(), null!, new GenerationSettings { MaxNewTokens = 16 }),
            new([.. tasks.Skip(5).Take(3)], "/m", new ByteTokenizer(), null!, new GenerationSettings { MaxNewTokens = 64 }),
        };
        return (plan, inputs);
    }

    [Fact]
    public void Shards_together_hold_every_task_of_every_cell_once_with_one_plan_hash()
    {
        var (plan, inputs) = Prepared();
        var shards = Enumerable.Range(1, 3).Select(i => RunSharding.Apply(plan, inputs, new PartSpec(i, 3), "settings", 3, $"host{i}")).ToList();
        for (var cell = 0; cell < plan.Cells.Count; cell++)
        {
            var all = shards.SelectMany(s => s.Inputs[cell].Problems.Select(p => p.TaskId)).ToList();
            Assert.Equal(inputs[cell].Problems.Select(p => p.TaskId).Order(StringComparer.Ordinal), all.Order(StringComparer.Ordinal));
        }
        Assert.Single(shards.Select(s => s.Info.PlanHash).Distinct());
        Assert.All(shards, s => Assert.Equal(8, s.Info.PlanUnits));
        Assert.Equal(8, shards.Sum(s => s.Info.Units));
        // smoke: 2 samples per task, humaneval: 1; three repetitions each.
        Assert.Equal(3 * (5 * 2 + 3 * 1), shards.Sum(s => s.Info.Samples));
        Assert.All(shards, s => Assert.StartsWith($"shard {s.Info.Index}/3: ", s.Note, StringComparison.Ordinal));
    }

    [Fact]
    public void One_shard_keeps_every_task_in_its_original_order()
    {
        var (plan, inputs) = Prepared();
        var whole = RunSharding.Apply(plan, inputs, new PartSpec(1, 1), "settings", 3, "h");
        for (var cell = 0; cell < inputs.Count; cell++)
        {
            Assert.Equal(inputs[cell].Problems, whole.Inputs[cell].Problems);
        }
    }

    [Fact]
    public void A_shard_without_work_says_so_instead_of_failing()
    {
        var (plan, inputs) = Prepared();
        var empty = RunSharding.Apply(plan, inputs, new PartSpec(12, 12), "settings", 3, "h");
        Assert.All(empty.Inputs, i => Assert.Empty(i.Problems));
        Assert.Equal(0, empty.Info.Units);
        Assert.Equal(0, empty.Info.Samples);
        Assert.Contains("shard 12/12 has no work: the plan has 8 work units", empty.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void The_plan_hash_changes_with_the_settings_or_the_tasks_but_not_with_the_shard()
    {
        var (plan, inputs) = Prepared();
        var a = RunSharding.Apply(plan, inputs, new PartSpec(1, 2), "settings", 3, "h").Info.PlanHash;
        Assert.Equal(a, RunSharding.Apply(plan, inputs, new PartSpec(2, 2), "settings", 3, "h").Info.PlanHash);
        Assert.NotEqual(a, RunSharding.Apply(plan, inputs, new PartSpec(1, 2), "other", 3, "h").Info.PlanHash);
        var fewer = inputs.Select(i => i with { Problems = [.. i.Problems.Take(2)] }).ToList();
        Assert.NotEqual(a, RunSharding.Apply(plan, fewer, new PartSpec(1, 2), "settings", 3, "h").Info.PlanHash);
    }

    [Fact]
    public void Rounds_split_the_repetitions_and_warm_up_each_cell_before_its_first_kept_repetition()
    {
        var plan = RunPlan.Create(Settings(repetitions: 5, warmup: 2));
        var first = plan.OnlyRound(new PartSpec(1, 2));
        var second = plan.OnlyRound(new PartSpec(2, 2));
        Assert.Equal([0, 2, 4], first.Steps.Where(s => !s.IsWarmup).Select(s => s.Repetition).Distinct().Order());
        Assert.Equal([1, 3], second.Steps.Where(s => !s.IsWarmup).Select(s => s.Repetition).Distinct().Order());
        Assert.Equal(
            plan.Steps.Where(s => !s.IsWarmup).OrderBy(s => s.Cell).ThenBy(s => s.Repetition),
            first.Steps.Concat(second.Steps).Where(s => !s.IsWarmup).OrderBy(s => s.Cell).ThenBy(s => s.Repetition));
        foreach (var round in new[] { first, second })
        {
            for (var cell = 0; cell < plan.Cells.Count; cell++)
            {
                var steps = round.Steps.Where(s => s.Cell == cell).Select(s => s.Repetition).ToList();
                Assert.Equal([-1, -1], steps.Take(2));
                Assert.DoesNotContain(-1, steps.Skip(2));
            }
        }
        Assert.Empty(plan.OnlyRound(new PartSpec(7, 7)).Steps);
    }
}

using EnergyGate.Core.Measurement.Sharding;

namespace EnergyGate.Core.Tests.Measurement.Sharding;

public sealed class ShardSplitterTests
{
    /// <summary>Units of very different cost over three cells, like HumanEval next to long LongBench prompts.</summary>
    private static List<WorkUnit> Units(int count = 37)
    {
        var random = new Random(11);
        return [.. Enumerable.Range(0, count).Select(i => new WorkUnit($"suite{i % 3}/tiny/onnx/cpu", $"task/{i}", random.Next(50, 5000)))];
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(7)]
    public void Every_unit_lands_in_exactly_one_shard_and_shards_differ_by_at_most_one_units_cost(int shards)
    {
        var units = Units();
        var split = ShardSplitter.Split(units, shards);
        Assert.Equal(shards, split.Count);
        var all = split.SelectMany(s => s).ToList();
        Assert.Equal(units.Count, all.Count);
        Assert.Equal(units.ToHashSet(), all.ToHashSet());
        var loads = split.Select(s => s.Sum(u => u.Cost)).ToList();
        Assert.True(loads.Max() - loads.Min() <= units.Max(u => u.Cost), $"loads {string.Join(", ", loads)}");
    }

    [Fact]
    public void The_split_is_deterministic_and_ignores_the_order_units_are_listed_in()
    {
        var units = Units();
        var reversed = Enumerable.Reverse(units).ToList();
        var shuffled = units.ToArray();
        new Random(5).Shuffle(shuffled);
        var expected = ShardSplitter.Split(units, 4);
        foreach (var other in new[] { ShardSplitter.Split(units, 4), ShardSplitter.Split(reversed, 4), ShardSplitter.Split(shuffled, 4) })
        {
            Assert.Equal(expected.Count, other.Count);
            for (var i = 0; i < expected.Count; i++)
            {
                Assert.Equal(expected[i], other[i]);
            }
        }
    }

    [Fact]
    public void Balance_is_much_better_than_dealing_units_round_robin()
    {
        // Costs 1..40 in order: round-robin over 4 shards leaves shard 4 with 10 more per deal.
        var units = Enumerable.Range(1, 40).Select(i => new WorkUnit("c", $"t{i:00}", i)).ToList();
        var loads = ShardSplitter.Split(units, 4).Select(s => s.Sum(u => u.Cost)).ToList();
        Assert.Equal(820, loads.Sum());
        Assert.True(loads.Max() - loads.Min() <= 1, $"loads {string.Join(", ", loads)}");
    }

    [Fact]
    public void One_shard_is_the_whole_plan()
    {
        var units = Units();
        var single = Assert.Single(ShardSplitter.Split(units, 1));
        Assert.Equal(units.OrderBy(u => u.Cell, StringComparer.Ordinal).ThenBy(u => u.TaskId, StringComparer.Ordinal), single);
    }

    [Fact]
    public void More_shards_than_units_leaves_the_extra_shards_empty()
    {
        var units = Units(3);
        var split = ShardSplitter.Split(units, 8);
        Assert.Equal(8, split.Count);
        Assert.Equal(3, split.Count(s => s.Count == 1));
        Assert.Equal(5, split.Count(s => s.Count == 0));
    }

    [Fact]
    public void A_unit_listed_twice_is_refused()
    {
        var units = new List<WorkUnit> { new("c", "t", 1), new("c", "t", 2) };
        Assert.Throws<ArgumentException>(() => ShardSplitter.Split(units, 2));
    }

    [Theory]
    [InlineData("2/4", 2, 4)]
    [InlineData("1/1", 1, 1)]
    [InlineData(" 3 / 3 ", 3, 3)]
    public void Part_specs_parse(string text, int index, int count) =>
        Assert.Equal(new PartSpec(index, count), PartSpec.Parse(text, "--shard"));

    [Theory]
    [InlineData("3/2", "--shard 3/2: I must be 1..N (here 1..2)")]
    [InlineData("0/2", "--shard 0/2: I must be 1..N")]
    [InlineData("1/0", "--shard 1/0: N must be at least 1")]
    [InlineData("two/4", "--shard two/4: expected I/N")]
    [InlineData("2", "--shard 2: expected I/N")]
    [InlineData("-1/4", "expected I/N")]
    public void Bad_part_specs_say_what_is_wrong(string text, string message)
    {
        var error = Assert.Throws<EnergyGateException>(() => PartSpec.Parse(text, "--shard"));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.StartsWith("EG2040", error.Message, StringComparison.Ordinal);
    }
}

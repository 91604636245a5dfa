namespace EnergyGate.Core.Measurement.Sharding;

/// <summary>
/// One unit of work that stays on one machine: a task of a cell with all its repetitions and
/// samples, so the per-repetition statistics of that task come from one machine.
/// </summary>
/// <param name="Cell">Cell id.</param>
/// <param name="TaskId">Task id.</param>
/// <param name="Cost">Estimated cost: samples x (prompt tokens + most new tokens).</param>
public sealed record WorkUnit(string Cell, string TaskId, long Cost);

/// <summary>
/// Splits work units over N shards: greedy longest-processing-time first. Units are sorted by cost
/// (largest first, ties by cell id then task id, ordinal), and each goes to the shard with the
/// least cost so far (ties: the lower shard). Every step adds one unit to a least-loaded shard, so
/// the most and least loaded shards never differ by more than one unit's cost. Nothing depends on
/// the machine, the order of the configuration or the run seed: every shard computes the same split.
/// </summary>
public static class ShardSplitter
{
    /// <summary>The units of each shard (index 0 is shard 1/N), each list in the stable key order.</summary>
    public static IReadOnlyList<IReadOnlyList<WorkUnit>> Split(IReadOnlyList<WorkUnit> units, int shards)
    {
        ArgumentNullException.ThrowIfNull(units);
        ArgumentOutOfRangeException.ThrowIfLessThan(shards, 1);
        var duplicate = units.GroupBy(u => (u.Cell, u.TaskId)).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"unit ({duplicate.Key.Cell}, {duplicate.Key.TaskId}) is listed twice", nameof(units));
        }
        var result = Enumerable.Range(0, shards).Select(_ => new List<WorkUnit>()).ToArray();
        var loads = new PriorityQueue<int, (long Load, int Shard)>();
        for (var shard = 0; shard < shards; shard++)
        {
            loads.Enqueue(shard, (0, shard));
        }
        foreach (var unit in units.OrderByDescending(u => u.Cost).ThenBy(u => u.Cell, StringComparer.Ordinal).ThenBy(u => u.TaskId, StringComparer.Ordinal))
        {
            loads.TryDequeue(out var shard, out var load);
            result[shard].Add(unit);
            loads.Enqueue(shard, (load.Load + unit.Cost, shard));
        }
        return [.. result.Select(list => (IReadOnlyList<WorkUnit>)[.. list.OrderBy(u => u.Cell, StringComparer.Ordinal).ThenBy(u => u.TaskId, StringComparer.Ordinal)])];
    }
}

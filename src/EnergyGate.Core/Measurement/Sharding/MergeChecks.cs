using System.Globalization;

namespace EnergyGate.Core.Measurement.Sharding;

/// <summary>The refusals of <see cref="ShardMerger"/>, each naming the files and the field.</summary>
internal static class MergeChecks
{
    /// <summary>
    /// Fingerprint facts of the machine instance rather than the machine class or the software:
    /// they may differ between the runners of one CI matrix, and the merged file lists them all.
    /// Every other fact (CPU and GPU model, cores, driver, power limit, meters, .NET and runtime
    /// versions, model and suite hashes, decoding) must match. Stepping, microcode and physical cores
    /// do not split machine classes either (see <see cref="Machine.MachineClass"/>).
    /// </summary>
    public static IReadOnlyList<string> InstanceKeys { get; } =
        ["memory_bytes", "os", Machine.MachineFacts.CpuStepping, Machine.MachineFacts.CpuMicrocode, Machine.MachineFacts.PhysicalCores];

    public static void RequireSamePlan(ShardFile a, ShardFile b)
    {
        Same(a, b, "settings hash (repetitions, warm-up, seed, decoding, cells)", a.Header.SettingsHash, b.Header.SettingsHash);
        Same(a, b, "plan hash (settings and every cell x task)", a.Info.PlanHash, b.Info.PlanHash);
        Same(a, b, "shard count", a.Info.Count.ToString(CultureInfo.InvariantCulture), b.Info.Count.ToString(CultureInfo.InvariantCulture));
        Same(a, b, "EnergyGate version", a.Header.ToolVersion, b.Header.ToolVersion);
        Same(a, b, "cells", string.Join(", ", a.Header.Cells), string.Join(", ", b.Header.Cells));
        var keys = a.Header.Fingerprint.Keys.Union(b.Header.Fingerprint.Keys).Except(InstanceKeys).Order(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            Same(a, b, $"fingerprint `{key}`", a.Header.Fingerprint.GetValueOrDefault(key) ?? "(absent)", b.Header.Fingerprint.GetValueOrDefault(key) ?? "(absent)");
        }
    }

    public static void RequireEveryShardOnce(List<ShardFile> shards)
    {
        var count = shards[0].Info.Count;
        var twice = shards.GroupBy(s => s.Info.Index).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null)
        {
            throw new EnergyGateException($"EG2043: cannot merge: shard {twice.Key}/{count} is given twice ({string.Join(", ", twice.Select(s => s.Path))}); pass each shard's file once.");
        }
        var missing = Enumerable.Range(1, count).Except(shards.Select(s => s.Info.Index)).ToList();
        if (missing.Count > 0)
        {
            var have = shards.Select(s => s.Info.Index).Order().Select(i => $"{i}/{count}");
            throw new EnergyGateException(
                $"EG2043: cannot merge: shard {string.Join(", ", missing.Select(i => $"{i}/{count}"))} missing; have {string.Join(", ", have)}. Pass the results file of every shard.");
        }
    }

    /// <summary>
    /// A shard must hold every sample its header promised, each scored. (Reading it already refused
    /// a sample or score recorded twice, EG2044, so counts are counts of distinct samples.)
    /// </summary>
    public static void RequireComplete(ShardFile shard)
    {
        var keys = shard.Samples.Select(s => s.Key).ToList();
        var distinct = keys.ToHashSet();
        var scored = shard.Records.OfType<ScoreRecord>().Select(s => s.Key).Where(distinct.Contains).ToHashSet();
        var units = shard.Samples.Select(s => (s.Cell, s.TaskId)).Distinct().Count();
        if (keys.Count != shard.Info.Samples || units != shard.Info.Units || scored.Count != keys.Count)
        {
            throw new EnergyGateException(string.Create(CultureInfo.InvariantCulture,
                $"EG2043: {shard.Path} (shard {shard.Info.Label}) is incomplete: {keys.Count} of {shard.Info.Samples} samples, {units} of {shard.Info.Units} work units, {scored.Count} scored. ")
                + $"Finish it with `dotnet energygate run --shard {shard.Info.Label} --results {shard.Path} --resume` on the same machine class.");
        }
    }

    /// <summary>No (cell, task) may come from two shards, and together they must cover the plan; returns the unit count.</summary>
    public static int RequireDistinctUnits(List<ShardFile> shards)
    {
        var owner = new Dictionary<(string Cell, string Task), string>();
        foreach (var shard in shards)
        {
            foreach (var unit in shard.Samples.Select(s => (s.Cell, s.TaskId)).Distinct())
            {
                if (!owner.TryAdd(unit, shard.Path))
                {
                    throw new EnergyGateException(
                        $"EG2043: cannot merge: work unit (cell `{unit.Cell}`, task `{unit.TaskId}`) appears in {owner[unit]} and in {shard.Path}; each unit belongs to exactly one shard.");
                }
            }
        }
        var planUnits = shards[0].Info.PlanUnits;
        if (owner.Count != planUnits)
        {
            throw new EnergyGateException(string.Create(CultureInfo.InvariantCulture,
                $"EG2043: cannot merge: the shards hold {owner.Count} work units, the plan has {planUnits}."));
        }
        return owner.Count;
    }

    private static void Same(ShardFile a, ShardFile b, string field, string left, string right)
    {
        if (!string.Equals(left, right, StringComparison.Ordinal))
        {
            throw new EnergyGateException(
                $"EG2042: cannot merge: {field} differs: {a.Path} (shard {a.Info.Label}) has `{left}`, {b.Path} (shard {b.Info.Label}) has `{right}`. "
                + "Shards must come from one plan, measured with the same software on one machine class; rerun the odd shard.");
        }
    }
}

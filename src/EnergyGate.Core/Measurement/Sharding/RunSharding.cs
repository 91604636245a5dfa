using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace EnergyGate.Core.Measurement.Sharding;

/// <summary>The part of a prepared run that one shard measures, and the note that says what it got.</summary>
/// <param name="Inputs">Per cell, in plan order, with only this shard's tasks (possibly none).</param>
/// <param name="Info">What goes into the results header.</param>
/// <param name="Note">One line for the log.</param>
internal sealed record ShardedInputs(IReadOnlyList<CellInputs> Inputs, ShardInfo Info, string Note);

/// <summary>Estimates each work unit's cost and keeps a shard's units in a prepared run.</summary>
internal static class RunSharding
{
    /// <summary>Every (cell, task) of the plan with its estimated cost.</summary>
    public static List<WorkUnit> Units(RunPlan plan, IReadOnlyList<CellInputs> inputs) =>
        [.. plan.Cells.SelectMany((cell, i) => inputs[i].Problems.Select(task => new WorkUnit(
            cell.Id, task.TaskId,
            (long)cell.Suite.SamplesPerTask * (inputs[i].Tokenizer.Encode(inputs[i].Prompts.Text(task)).Count + inputs[i].Decoding.MaxNewTokens))))];

    /// <summary>Keeps shard <paramref name="shard"/>'s tasks in every cell; warm-ups then run on the shard's own first tasks.</summary>
    public static ShardedInputs Apply(RunPlan plan, IReadOnlyList<CellInputs> inputs, PartSpec shard, string settingsHash, int repetitions, string host)
    {
        var units = Units(plan, inputs);
        var split = ShardSplitter.Split(units, shard.Count);
        var mine = split[shard.Index - 1].Select(u => (u.Cell, u.TaskId)).ToHashSet();
        var kept = plan.Cells.Select((cell, i) => inputs[i] with
        {
            Problems = [.. inputs[i].Problems.Where(p => mine.Contains((cell.Id, p.TaskId)))],
        }).ToList();
        var samples = plan.Cells.Select((cell, i) => kept[i].Problems.Count * cell.Suite.SamplesPerTask * repetitions).Sum();
        var info = new ShardInfo(shard.Index, shard.Count, PlanHash(settingsHash, units), mine.Count, units.Count, samples, host);
        var c = CultureInfo.InvariantCulture;
        var total = units.Sum(u => u.Cost);
        var cost = split[shard.Index - 1].Sum(u => u.Cost);
        var note = mine.Count == 0
            ? string.Create(c, $"shard {shard} has no work: the plan has {units.Count} work units (cell x task) for {shard.Count} shards; its results file holds only the header, which merge accepts.")
            : string.Create(c, $"shard {shard}: {mine.Count} of {units.Count} work units (cell x task), {(total == 0 ? 0 : (double)cost / total):0.0%} of the estimated cost.");
        return new ShardedInputs(kept, info, note);
    }

    /// <summary>Same settings and same units (cell x task ids) give the same hash, whatever the shard.</summary>
    public static string PlanHash(string settingsHash, IEnumerable<WorkUnit> units)
    {
        var text = new StringBuilder(settingsHash);
        foreach (var unit in units.OrderBy(u => u.Cell, StringComparer.Ordinal).ThenBy(u => u.TaskId, StringComparer.Ordinal))
        {
            text.Append('\u001e').Append(unit.Cell).Append('\u001f').Append(unit.TaskId);
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }
}

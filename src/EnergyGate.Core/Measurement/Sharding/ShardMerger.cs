using System.Text;
using System.Text.Json;

namespace EnergyGate.Core.Measurement.Sharding;

/// <summary>What a merge produced.</summary>
/// <param name="Shards">Shards merged.</param>
/// <param name="Units">Work units (cell x task) in the merged file.</param>
/// <param name="Samples">Sample records in the merged file.</param>
/// <param name="Hosts">Distinct machine instances that ran the shards.</param>
public sealed record MergeOutcome(int Shards, int Units, int Samples, IReadOnlyList<string> Hosts);

/// <summary>
/// Combines the results files of every shard of one plan into one results file that gates, reports
/// and compares like an unsharded run. Refuses (EG2042) files whose settings, software or machine
/// class differ, and (EG2043) a set with a shard missing, duplicated or unfinished, or a unit twice.
/// </summary>
public static class ShardMerger
{
    /// <summary>Reads every shard, checks them, and writes the merged file atomically (temp file, then move).</summary>
    public static async Task<MergeOutcome> MergeAsync(IReadOnlyList<string> paths, string outPath, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        if (paths.Count == 0)
        {
            throw new EnergyGateException("merge: name the results file of every shard, e.g. `merge shard-*.jsonl --out merged.jsonl`.");
        }
        var shards = new List<ShardFile>();
        foreach (var path in paths)
        {
            shards.Add(await ShardFile.ReadAsync(path, ct));
        }
        var first = shards[0];
        foreach (var other in shards.Skip(1))
        {
            MergeChecks.RequireSamePlan(first, other);
        }
        MergeChecks.RequireEveryShardOnce(shards);
        foreach (var shard in shards)
        {
            MergeChecks.RequireComplete(shard);
        }
        var units = MergeChecks.RequireDistinctUnits(shards);
        var header = MergedHeader(shards);
        await WriteAsync(outPath, header, shards.OrderBy(s => s.Info.Index).SelectMany(s => s.Records), ct);
        return new MergeOutcome(shards.Count, units, shards.Sum(s => s.Samples.Count), [.. shards.Select(s => s.Info.Host).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]);
    }

    /// <summary>
    /// The first shard's header, whole-plan: no shard part, the earliest start, the fingerprint with
    /// machine-instance facts that differ listed as their distinct values, idle power averaged, and
    /// where every shard came from.
    /// </summary>
    private static RunHeader MergedHeader(List<ShardFile> shards)
    {
        var first = shards.OrderBy(s => s.Info.Index).First().Header;
        var fingerprint = new Dictionary<string, string>(first.Fingerprint, StringComparer.Ordinal);
        foreach (var key in MergeChecks.InstanceKeys)
        {
            var values = shards.Select(s => s.Header.Fingerprint.GetValueOrDefault(key)).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            if (values.Count > 0)
            {
                fingerprint[key] = string.Join(" | ", values);
            }
        }
        var idle = shards.SelectMany(s => s.Header.IdleWatts).GroupBy(kv => kv.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Average(kv => kv.Value), StringComparer.Ordinal);
        return first with
        {
            StartedAt = shards.Min(s => s.Header.StartedAt),
            Fingerprint = fingerprint,
            IdleWatts = idle,
            Meters = [.. shards.SelectMany(s => s.Header.Meters).Distinct(StringComparer.Ordinal)],
            Shard = null,
            MergedShards = [.. shards.OrderBy(s => s.Info.Index).Select(s => new MergedShard(
                s.Info.Index, Path.GetFileName(s.Path), s.Info.Host, s.Header.StartedAt,
                MergeChecks.InstanceKeys.Where(s.Header.Fingerprint.ContainsKey).ToDictionary(k => k, k => s.Header.Fingerprint[k], StringComparer.Ordinal)))],
        };
    }

    private static async Task WriteAsync(string outPath, RunHeader header, IEnumerable<JournalRecord> records, CancellationToken ct)
    {
        var full = Path.GetFullPath(outPath);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temp = full + ".tmp";
        await using (var writer = new StreamWriter(temp, append: false, new UTF8Encoding(false)))
        {
            await writer.WriteLineAsync(JsonSerializer.Serialize<JournalRecord>(header, ResultsJournal.JsonOptions).AsMemory(), ct);
            foreach (var record in records)
            {
                await writer.WriteLineAsync(JsonSerializer.Serialize(record, ResultsJournal.JsonOptions).AsMemory(), ct);
            }
        }
        File.Move(temp, full, overwrite: true);
    }
}

/// <summary>One shard's results file, read.</summary>
internal sealed record ShardFile(string Path, RunHeader Header, ShardInfo Info, IReadOnlyList<JournalRecord> Records)
{
    public IReadOnlyList<SampleRecord> Samples { get; } = [.. Records.OfType<SampleRecord>()];

    public static async Task<ShardFile> ReadAsync(string path, CancellationToken ct)
    {
        var (records, _) = await ResultsJournal.ReadAsync(path, ct);
        if (records.Count == 0 || records[0] is not RunHeader header)
        {
            throw new EnergyGateException($"{path}: not a results file of `dotnet energygate run` (it must start with a run header line).");
        }
        if (header.Shard is not { } info)
        {
            throw new EnergyGateException(
                $"EG2043: {path} is not a shard: its header has no `shard` field. merge combines the files of `run --shard I/N` or `check --shard I/N`; "
                + (header.MergedShards is null ? "a whole-plan run needs no merge." : "this file was merged already."));
        }
        return new ShardFile(path, header, info, records.Skip(1).ToList());
    }
}

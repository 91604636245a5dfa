namespace EnergyGate.Core.Measurement.Sharding;

/// <summary>
/// Written in the header of a shard's results file, so <c>merge</c> can tell that every shard of
/// one plan is there, each exactly once and complete.
/// </summary>
/// <param name="Index">1-based shard number.</param>
/// <param name="Count">Shards in the plan.</param>
/// <param name="PlanHash">Hash of the settings and every work unit of the whole plan (cell x task).</param>
/// <param name="Units">Work units (cell x task) of this shard.</param>
/// <param name="PlanUnits">Work units of the whole plan.</param>
/// <param name="Samples">Recorded samples this shard has when complete (units x samples per task x repetitions).</param>
/// <param name="Host">The machine instance that ran it (several instances of one machine class are expected in a CI matrix).</param>
public sealed record ShardInfo(int Index, int Count, string PlanHash, int Units, int PlanUnits, int Samples, string Host)
{
    /// <summary><c>I/N</c>.</summary>
    public string Label => new PartSpec(Index, Count).ToString();

    /// <summary>True when both describe the same shard of the same plan (the host may differ on resume).</summary>
    public bool SameShard(ShardInfo? other) =>
        other is not null && other.Index == Index && other.Count == Count && other.PlanHash == PlanHash;
}

/// <summary>Where one shard of a merged results file came from.</summary>
/// <param name="Index">1-based shard number.</param>
/// <param name="File">The shard's results file name.</param>
/// <param name="Host">The machine instance that ran it.</param>
/// <param name="StartedAt">When it started.</param>
/// <param name="Instance">Facts of the machine instance that may differ between shards (memory, OS build).</param>
public sealed record MergedShard(int Index, string File, string Host, DateTimeOffset StartedAt, IReadOnlyDictionary<string, string> Instance);

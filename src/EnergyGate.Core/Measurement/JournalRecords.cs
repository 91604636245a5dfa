using System.Text.Json.Serialization;

namespace EnergyGate.Core.Measurement;

/// <summary>One line of a results file; the <c>type</c> field says which kind.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(RunHeader), "run")]
[JsonDerivedType(typeof(SampleRecord), "sample")]
[JsonDerivedType(typeof(ScoreRecord), "score")]
[JsonDerivedType(typeof(Noise.NoiseRecord), "noise")]
public abstract record JournalRecord;

/// <summary>The first line: what was run, so a resume can refuse a file from other settings.</summary>
/// <param name="SettingsHash">Hash of everything that shapes the numbers (plan, decoding, models, meter).</param>
/// <param name="ToolVersion">EnergyGate version that started the run.</param>
/// <param name="StartedAt">UTC start time.</param>
/// <param name="Cells">Cell ids in plan order.</param>
/// <param name="Fingerprint">Machine and software facts (CPU, GPU, runtime versions, model hashes...).</param>
public sealed record RunHeader(
    string SettingsHash, string ToolVersion, DateTimeOffset StartedAt, IReadOnlyList<string> Cells,
    IReadOnlyDictionary<string, string> Fingerprint) : JournalRecord
{
    /// <summary>Idle power per domain measured before the run (watts), for net energy.</summary>
    public IReadOnlyDictionary<string, double> IdleWatts { get; init; } = new Dictionary<string, double>();

    /// <summary>Which meter serves which domain, and why (the selector's explanation).</summary>
    public IReadOnlyList<string> Meters { get; init; } = [];

    /// <summary>For a shard of a plan (<c>--shard I/N</c>): which one, and what makes the set complete; null for a whole plan.</summary>
    public Sharding.ShardInfo? Shard { get; init; }

    /// <summary>For a file written by <c>merge</c>: the shards it was merged from; null otherwise.</summary>
    public IReadOnlyList<Sharding.MergedShard>? MergedShards { get; init; }

    /// <summary>
    /// Per cell id, the samples the whole plan records (problems x samples per task x repetitions),
    /// so a reader can tell a finished run from one that stopped; null in files written before
    /// EnergyGate recorded it (their completeness is unknown).
    /// </summary>
    public IReadOnlyDictionary<string, int>? ExpectedSamples { get; init; }

    /// <summary>For one side of an interleaved job (<c>ab</c>): the job and the side; null for a run of its own.</summary>
    public InterleavedSide? Interleaved { get; init; }
}

/// <summary>Marks a results file as one side of an interleaved job, so <c>compare --paired</c> knows its repetitions pair with the other side's.</summary>
/// <param name="Job">Id shared by both files of the job.</param>
/// <param name="Side"><c>base</c> or <c>head</c>.</param>
/// <param name="Order">How the sides alternated, e.g. <c>ABBA by repetition</c>.</param>
public sealed record InterleavedSide(string Job, string Side, string Order);

/// <summary>Energy of one sample in one domain.</summary>
/// <param name="Domain">Domain id, e.g. <c>package-0</c>, <c>gpu-0</c>, <c>cpu</c>.</param>
/// <param name="Kind">Measured, Integrated, Attributed or Estimated.</param>
/// <param name="PrefillJoules">Joules attributed to prefill.</param>
/// <param name="DecodeJoules">Joules attributed to decode.</param>
/// <param name="ResolutionJoules">Smallest change the counter can show.</param>
/// <param name="BelowResolution">A phase was shorter than the counter can resolve.</param>
public sealed record DomainEnergyRecord(
    string Domain, string Kind, double PrefillJoules, double DecodeJoules, double ResolutionJoules, bool BelowResolution);

/// <summary>One generated sample with its timing and energy, appended the moment it finished.</summary>
public sealed record SampleRecord : JournalRecord
{
    /// <summary>Cell id (<c>suite/model/runtime-provider</c>).</summary>
    public required string Cell { get; init; }

    /// <summary>0-based repetition.</summary>
    public required int Repetition { get; init; }

    /// <summary>Problem id.</summary>
    public required string TaskId { get; init; }

    /// <summary>0-based sample number within the problem (pass@k takes several).</summary>
    public required int SampleIndex { get; init; }

    /// <summary>Prompt length in tokens.</summary>
    public required int PromptTokens { get; init; }

    /// <summary>Tokens generated.</summary>
    public required int GeneratedTokens { get; init; }

    /// <summary>Why generation stopped.</summary>
    public required string StopReason { get; init; }

    /// <summary>Which stop string or criterion, if any.</summary>
    public string StopDetail { get; init; } = "";

    /// <summary>Prefill duration.</summary>
    public required double PrefillSeconds { get; init; }

    /// <summary>Time to first token.</summary>
    public required double TtftSeconds { get; init; }

    /// <summary>Decode duration.</summary>
    public required double DecodeSeconds { get; init; }

    /// <summary>Decode steps per second, when there was a decode step.</summary>
    public double? DecodeTokensPerSecond { get; init; }

    /// <summary>Prefill joules over all domains.</summary>
    public required double PrefillJoules { get; init; }

    /// <summary>Decode joules over all domains.</summary>
    public required double DecodeJoules { get; init; }

    /// <summary>The weakest kind among the domains.</summary>
    public required string EnergyKind { get; init; }

    /// <summary>Per-domain split.</summary>
    public required IReadOnlyList<DomainEnergyRecord> Domains { get; init; }

    /// <summary>Decode joules of each generated token after the first (per-token attribution).</summary>
    public IReadOnlyList<double> TokenJoules { get; init; } = [];

    /// <summary>The completion as scored (cut at a stop string).</summary>
    public required string Completion { get; init; }

    /// <summary>Suppression strategy in force (none, stop-words, syntax, test-oracle).</summary>
    public string Suppression { get; init; } = "stop-words";

    /// <summary><c>chat</c> when the prompt was the model's chat format and the answer is scored as a chat answer (sanitized, prompt not prepended); null: raw.</summary>
    public string? PromptFormat { get; init; }

    /// <summary>Suppression checks made during generation (syntax parses, sandbox runs); their cost is inside the decode phase.</summary>
    public int SuppressionChecks { get; init; }

    /// <summary>Wall-clock time of those checks.</summary>
    public double SuppressionCheckSeconds { get; init; }

    /// <summary>Everything generated, when a stop string cut <see cref="Completion"/> short; null otherwise.</summary>
    public string? RawText { get; init; }

    /// <summary>For each generated token, where its text ends in the raw text (characters released so far).</summary>
    public IReadOnlyList<int> TokenTextEnds { get; init; } = [];

    /// <summary>Exact prefill FLOPs from the model's shape and the token counts (see <c>Work.WorkCount</c>); null when the model folder does not tell its shape, or in files written before EnergyGate counted work.</summary>
    public long? PrefillFlops { get; init; }

    /// <summary>Exact FLOPs of all decode steps together; null as for <see cref="PrefillFlops"/>.</summary>
    public long? DecodeFlops { get; init; }

    /// <summary>Bytes all decode steps read together (every weight plus the KV cache attended); null as for <see cref="PrefillFlops"/>.</summary>
    public long? DecodeBytes { get; init; }

    /// <summary>
    /// Sequences that shared this sample's decode steps, on average (itself included): the batch's
    /// occupancy, or requests in flight to a server; null when it decoded alone (batch size 1). Its
    /// decode tokens/s times the occupancy is the batch's throughput.
    /// </summary>
    public double? BatchOccupancy { get; init; }

    /// <summary>Prefill + decode.</summary>
    [JsonIgnore]
    public double TotalJoules => PrefillJoules + DecodeJoules;

    /// <summary>Identity within a run, for resume.</summary>
    [JsonIgnore]
    public SampleKey Key => new(Cell, Repetition, TaskId, SampleIndex);
}

/// <summary>The scorer's verdict on one sample, appended after generation.</summary>
/// <param name="Cell">Cell id.</param>
/// <param name="Repetition">Repetition.</param>
/// <param name="TaskId">Problem id.</param>
/// <param name="SampleIndex">Sample number.</param>
/// <param name="Passed">Whether the tests passed.</param>
/// <param name="Result">human-eval style result text.</param>
public sealed record ScoreRecord(string Cell, int Repetition, string TaskId, int SampleIndex, bool Passed, string Result) : JournalRecord
{
    /// <summary>Similarity in [0, 1] for understanding tasks (LongBench code_sim); null for code that ran.</summary>
    public double? Score { get; init; }

    /// <summary>Generated tokens up to where the answer was complete (babbling starts after); null when it never was.</summary>
    public int? UsefulEnd { get; init; }

    /// <summary>Identity within a run.</summary>
    [JsonIgnore]
    public SampleKey Key => new(Cell, Repetition, TaskId, SampleIndex);
}

/// <summary>Identifies one sample of a run.</summary>
/// <param name="Cell">Cell id.</param>
/// <param name="Repetition">Repetition.</param>
/// <param name="TaskId">Problem id.</param>
/// <param name="SampleIndex">Sample number.</param>
public readonly record struct SampleKey(string Cell, int Repetition, string TaskId, int SampleIndex);

using System.Text.Json.Serialization;
using EnergyGate.Core.Baselines;
using EnergyGate.Core.Gating;

namespace EnergyGate.Core.History;

/// <summary>
/// One gated run on the default branch: one line of a history file (docs/history.md). Run-level
/// figures only, never the repetitions themselves: the store is for trends over many runs, while
/// the gate's evidence (runs with their repetitions) stays in the baseline files.
/// </summary>
/// <param name="SchemaVersion">Version of the line's shape, <see cref="CurrentSchemaVersion"/>.</param>
/// <param name="Commit">Commit that was measured; a second entry for the same commit and machine class replaces the first.</param>
/// <param name="Date">When the run started, UTC.</param>
/// <param name="MachineClass">The machine class the run was measured on (the file it lives in).</param>
/// <param name="MeterKind">The weakest energy kind of the run.</param>
/// <param name="ToolVersion">EnergyGate version that measured.</param>
/// <param name="Cells">Per cell id (<c>suite/model/runtime/provider</c>) its run-level figures, in ordinal cell order.</param>
public sealed record HistoryEntry(
    int SchemaVersion,
    string Commit,
    [property: JsonConverter(typeof(UtcDateConverter))] DateTimeOffset Date,
    string MachineClass,
    MeterKind MeterKind,
    string ToolVersion,
    [property: JsonPropertyOrder(1)] IReadOnlyDictionary<string, HistoryCell> Cells)
{
    /// <summary>The shape this version writes and reads.</summary>
    public const int CurrentSchemaVersion = 1;

    /// <summary>The gate's verdict for the run against the committed baselines; null when it was not gated (no baseline).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public GateVerdict? Verdict { get; init; }
}

/// <summary>One cell's figures in one run.</summary>
/// <param name="Metrics">Per measured metric id (energy, time, throughput, shares) its run-level median and interval, in catalog order.</param>
public sealed record HistoryCell(IReadOnlyDictionary<string, RunFigure> Metrics)
{
    /// <summary>
    /// Per exact work count (<see cref="MetricCatalog.ExactWork"/>: generated tokens, FLOPs, bytes per
    /// token) its median over repetitions; no interval, since greedy decoding repeats them exactly.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, double>? Work { get; init; }

    /// <summary>pass@1 over every sample of the run (0..1), for code cells that were scored.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [JsonPropertyName("pass_at_1")]
    public double? PassAt1 { get; init; }

    /// <summary>LongBench's task score (mean similarity x 100), for understanding cells.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? CodeSim { get; init; }

    /// <summary>The figure of <paramref name="metric"/>: a measured metric with its interval, or a work count as a median alone; null when the run lacks it.</summary>
    public RunFigure? FigureOf(string metric) =>
        Metrics.TryGetValue(metric, out var figure) ? figure
        : Work is not null && Work.TryGetValue(metric, out var work) ? new RunFigure(work, 1)
        : null;
}

/// <summary>A metric's run-level figure: the median over the run's repetitions and an interval for it.</summary>
/// <param name="Median">Median over repetitions (the value the gate's run-history rule compares).</param>
/// <param name="N">Repetitions the figure summarises.</param>
/// <param name="Lower">Lower bound of the interval; absent for a single repetition.</param>
/// <param name="Upper">Upper bound of the interval; absent for a single repetition.</param>
/// <param name="Confidence">Level of the interval: 0.95, or lower where too few repetitions allow no 95 % interval (see <see cref="RunFigures"/>).</param>
public sealed record RunFigure(
    double Median,
    int N,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Lower = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Upper = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Confidence = null);

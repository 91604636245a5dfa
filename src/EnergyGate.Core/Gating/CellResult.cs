using EnergyGate.Core.Baselines;
using EnergyGate.Core.Statistics;

namespace EnergyGate.Core.Gating;

/// <summary>Whether a cell could be compared.</summary>
public enum CellStatus
{
    /// <summary>Compared with its baseline.</summary>
    Compared,

    /// <summary>No baseline for this cell (EG1005).</summary>
    NoBaseline,

    /// <summary>Baseline from another machine class or meter (EG1004).</summary>
    Incomparable,

    /// <summary>The run stopped before the cell had every planned sample and score (EG1012).</summary>
    Incomplete,
}

/// <summary>An under-test setting that differs between baseline and candidate (null = absent on that side).</summary>
/// <param name="Key">Setting name.</param>
/// <param name="Old">Baseline value.</param>
/// <param name="New">Candidate value.</param>
public sealed record SettingChange(string Key, string? Old, string? New);

/// <summary>Everything the gate worked out for one cell; the reports are rendered from these.</summary>
/// <param name="Cell">The cell.</param>
/// <param name="Status">Compared or why not.</param>
/// <param name="Candidate">Candidate record.</param>
/// <param name="Baseline">Baseline entry, when there is one.</param>
/// <param name="Metrics">Every metric present on both sides, in catalog order (gated or not).</param>
/// <param name="Accuracy">Paired accuracy comparison, when both sides have outcomes.</param>
/// <param name="Changes">Under-test settings that differ ("what changed"), plus relaxed fingerprint differences.</param>
/// <param name="Mismatches">Fingerprint differences that made the cell incomparable.</param>
public sealed record CellResult(
    CellKey Cell,
    CellStatus Status,
    CellRecord Candidate,
    BaselineEntry? Baseline,
    IReadOnlyList<MetricComparison> Metrics,
    AccuracyComparison? Accuracy,
    IReadOnlyList<SettingChange> Changes,
    IReadOnlyList<SettingChange> Mismatches);

/// <summary>The gate's full answer.</summary>
/// <param name="Verdict">Overall verdict under the policy.</param>
/// <param name="Findings">Findings in cell order, then metric order.</param>
/// <param name="Cells">Per cell, in the candidate's order sorted by cell key.</param>
/// <param name="Candidate">The run under test.</param>
/// <param name="Policy">The policy used.</param>
/// <param name="Today">The date acknowledgements were judged against.</param>
public sealed record GateResult(
    GateVerdict Verdict,
    IReadOnlyList<Finding> Findings,
    IReadOnlyList<CellResult> Cells,
    CandidateSet Candidate,
    GatePolicy Policy,
    DateOnly Today)
{
    /// <summary>Every limit of every budget against each cell it matched, in budget order; empty without budgets.</summary>
    public IReadOnlyList<BudgetCheck> Budgets { get; init; } = [];
}

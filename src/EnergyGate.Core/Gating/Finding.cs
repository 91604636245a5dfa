using EnergyGate.Core.Baselines;

namespace EnergyGate.Core.Gating;

/// <summary>Stable finding ids (documented in docs/gating.md); CI annotations and docs link to them.</summary>
public static class FindingIds
{
    /// <summary>A gated metric regressed beyond the fail threshold.</summary>
    public const string Regression = "EG1001";

    /// <summary>pass@1 dropped significantly beyond the tolerance.</summary>
    public const string AccuracyDrop = "EG1002";

    /// <summary>Too noisy to decide: the interval reaches the fail threshold, or an accuracy drop is not significant.</summary>
    public const string Inconclusive = "EG1003";

    /// <summary>The baseline was measured on another machine class or meter kind.</summary>
    public const string Incomparable = "EG1004";

    /// <summary>The candidate has a cell with no baseline.</summary>
    public const string NoBaseline = "EG1005";

    /// <summary>A regression covered by an unexpired acknowledgement.</summary>
    public const string Acknowledged = "EG1006";

    /// <summary>An acknowledgement matched a regression but has expired, so it no longer applies.</summary>
    public const string ExpiredAcknowledgement = "EG1007";

    /// <summary>A gated metric regressed beyond the warn threshold only.</summary>
    public const string Warning = "EG1008";

    /// <summary>A gated metric improved significantly.</summary>
    public const string Improvement = "EG1009";

    /// <summary>A gated metric is measured on one side only.</summary>
    public const string MetricMissing = "EG1010";

    /// <summary>Accuracy is gated but could not be compared: a side has no per-task outcomes, or no task is on both.</summary>
    public const string AccuracyNotCompared = "EG1011";

    /// <summary>The cell's results hold less than the plan promised; not compared, and counted as inconclusive.</summary>
    public const string Incomplete = "EG1012";

    /// <summary>An exact work count (tokens, FLOPs, bytes per token) rose beyond the work tolerance with greedy decoding on both sides.</summary>
    public const string WorkIncreased = "EG1013";

    /// <summary>An exact work count fell beyond the work tolerance (a notice: less work, or a changed output worth a look).</summary>
    public const string WorkDecreased = "EG1014";

    /// <summary>A cell's figure breaks an absolute limit of <c>gate.budgets</c>; fails with or without a baseline.</summary>
    public const string BudgetExceeded = "EG1015";
}

/// <summary>How loud a finding is; whether the gate fails is the verdict's business.</summary>
public enum FindingLevel
{
    /// <summary>Fails the gate unless acknowledged.</summary>
    Error,

    /// <summary>Needs a look; does not fail under the default policy.</summary>
    Warning,

    /// <summary>For the record (improvements, acknowledged regressions).</summary>
    Notice,
}

/// <summary>One thing the gate found.</summary>
/// <param name="Id">Stable id from <see cref="FindingIds"/>.</param>
/// <param name="Level">How loud.</param>
/// <param name="Cell">The cell.</param>
/// <param name="Metric">Metric id, <c>accuracy</c>, or null for the whole cell.</param>
/// <param name="Message">One line for people, numbers in InvariantCulture.</param>
public sealed record Finding(string Id, FindingLevel Level, CellKey Cell, string? Metric, string Message);

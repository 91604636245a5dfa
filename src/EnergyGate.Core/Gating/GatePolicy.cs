using EnergyGate.Core.Baselines;
using EnergyGate.Core.Statistics;

namespace EnergyGate.Core.Gating;

/// <summary>
/// Everything the gate decides with, resolved once (the <c>gate:</c> section of energygate.yml maps
/// onto it; docs/gating.md lists the keys). Immutable: adjust with <c>with</c>.
/// </summary>
public sealed record GatePolicy
{
    /// <summary>The defaults: energy metrics gated, warn +5%, fail +10%, floor 0.001, alpha 0.01, accuracy tolerance 1 point.</summary>
    public static GatePolicy Default { get; } = new();

    /// <summary>Metrics whose regressions fail the gate; the others are compared and shown only.</summary>
    public IReadOnlyList<string> GatedMetrics { get; init; } =
        [MetricIds.JoulesPerProblem, MetricIds.PrefillJoules, MetricIds.DecodeJoules, MetricIds.DecodeJoulesPerToken];

    /// <summary>Relative change that is reported as a warning (0.05 = +5%).</summary>
    public double Warn { get; init; } = 0.05;

    /// <summary>Relative change that fails (0.10 = +10%).</summary>
    public double Fail { get; init; } = 0.10;

    /// <summary>Smallest change that can count, in the metric's unit (J for energy metrics).</summary>
    public double AbsoluteFloor { get; init; } = 0.001;

    /// <summary>Per metric id: thresholds replacing the global ones.</summary>
    public IReadOnlyDictionary<string, ThresholdOverride> MetricOverrides { get; init; } = new Dictionary<string, ThresholdOverride>();

    /// <summary>Per cell (and optionally metric): thresholds replacing metric and global ones; the last match wins.</summary>
    public IReadOnlyList<CellOverride> CellOverrides { get; init; } = [];

    /// <summary>Significance level of the one-sided Mann-Whitney test.</summary>
    public double Alpha { get; init; } = 0.01;

    /// <summary>Whether pass@1 is compared (paired McNemar); an accuracy drop fails like a regression.</summary>
    public bool GateAccuracy { get; init; } = true;

    /// <summary>pass@1 drop in percentage points that is tolerated.</summary>
    public double AccuracyTolerancePoints { get; init; } = 1.0;

    /// <summary>
    /// Significance level of the McNemar test; looser than <see cref="Alpha"/> because with greedy
    /// decoding a lost task is a real behaviour change, not noise, and 164 tasks give little power.
    /// </summary>
    public double AccuracyAlpha { get; init; } = 0.05;

    /// <summary>
    /// Relative change of an exact work count (tokens, FLOPs, bytes per token) that is a finding when
    /// both sides decode greedily (0.005 = 0.5 %); work is compared even across machine classes.
    /// </summary>
    public double WorkTolerance { get; init; } = 0.005;

    /// <summary>
    /// Allowance for drift between runs (0.17 = 17 %, the largest A/A difference measured between runs
    /// on the build VMs) added to warn and fail when a stored baseline holds one run only.
    /// </summary>
    public double RunDrift { get; init; } = 0.17;

    /// <summary>Runs a baseline file keeps per cell: <c>baseline update</c> appends one and drops the oldest beyond this (5).</summary>
    public int BaselineRuns { get; init; } = 5;

    /// <summary>Which verdicts fail.</summary>
    public FailOn FailOn { get; init; } = FailOn.Regression;

    /// <summary>What an incomparable baseline does.</summary>
    public IncomparableHandling Incomparable { get; init; } = IncomparableHandling.Report;

    /// <summary>Which fingerprint differences make a baseline incomparable.</summary>
    public ComparabilityRules Comparability { get; init; } = new();

    /// <summary>When the run's machine was too noisy to convict the code (see <see cref="NoiseRule"/>).</summary>
    public NoiseLimits Noise { get; init; } = new();

    /// <summary>Accepted regressions, each with an expiry date.</summary>
    public IReadOnlyList<Acknowledgement> Acknowledgements { get; init; } = [];

    /// <summary>Absolute limits per cell pattern, held with or without a baseline (EG1015).</summary>
    public IReadOnlyList<Budget> Budgets { get; init; } = [];

    /// <summary>The thresholds for one metric of one cell: cell override, then metric override, then global.</summary>
    public ComparisonThresholds ThresholdsFor(CellKey cell, string metric)
    {
        var (warn, fail, floor) = (Warn, Fail, AbsoluteFloor);
        var layers = MetricOverrides.TryGetValue(metric, out var m) ? [m] : Array.Empty<ThresholdOverride>();
        // Cell-wide overrides before cell+metric ones, so the more specific wins.
        var cellLayers = CellOverrides.Where(o => CellPattern.Matches(o.Cell, cell) && (o.Metric is null || o.Metric == metric))
            .OrderBy(o => o.Metric is null ? 0 : 1).Select(o => o.Thresholds);
        foreach (var layer in layers.Concat(cellLayers))
        {
            (warn, fail, floor) = (layer.Warn ?? warn, layer.Fail ?? fail, layer.AbsoluteFloor ?? floor);
        }
        return new ComparisonThresholds(warn, fail, floor, Alpha, RunDrift: RunDrift);
    }

    /// <summary>Whether a metric or cell override sets the floor for <paramref name="metric"/> of <paramref name="cell"/> (else the global floor applies).</summary>
    public bool OverridesFloor(CellKey cell, string metric) =>
        (MetricOverrides.TryGetValue(metric, out var m) && m.AbsoluteFloor is not null)
        || CellOverrides.Any(o => CellPattern.Matches(o.Cell, cell) && (o.Metric is null || o.Metric == metric) && o.Thresholds.AbsoluteFloor is not null);

    /// <summary>Problems that make the policy unusable, as messages; empty when it is valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Alpha is <= 0 or >= 0.5 || AccuracyAlpha is <= 0 or >= 0.5)
        {
            errors.Add("alpha and accuracy-alpha must be in (0, 0.5)");
        }
        if (WorkTolerance is < 0 or >= 1 || double.IsNaN(WorkTolerance))
        {
            errors.Add("work-tolerance must be in [0, 1)");
        }
        if (RunDrift is < 0 or >= 1 || double.IsNaN(RunDrift))
        {
            errors.Add("run-drift must be in [0, 1)");
        }
        if (BaselineRuns is < 1 or > 100)
        {
            errors.Add("baseline-runs must be in [1, 100]");
        }
        if (AccuracyTolerancePoints < 0)
        {
            errors.Add("accuracy-tolerance-points must not be negative");
        }
        errors.AddRange(Noise.Validate());
        errors.AddRange(GatedMetrics.Where(id => MetricCatalog.Find(id) is null).Select(id => $"gated metric '{id}' is not a known metric id"));
        errors.AddRange(BudgetProblems());
        foreach (var (label, t) in Layers())
        {
            if (t.Warn < 0 || t.Fail < t.Warn || t.AbsoluteFloor < 0)
            {
                errors.Add(FormattableString.Invariant($"{label}: need 0 <= warn <= fail and floor >= 0 (warn {t.Warn}, fail {t.Fail}, floor {t.AbsoluteFloor})"));
            }
        }
        return errors;
    }

    private IEnumerable<string> BudgetProblems()
    {
        for (var i = 0; i < Budgets.Count; i++)
        {
            var budget = Budgets[i];
            if (budget.Limits.Count == 0)
            {
                yield return $"budgets[{i}] has no limit";
            }
            foreach (var limit in budget.Limits)
            {
                if (!BudgetMetrics.IsKnown(limit.Metric))
                {
                    yield return $"budgets[{i}]: '{limit.Metric}' is not a metric a budget can limit";
                }
                else if (!(limit.Value >= 0 && limit.Value <= BudgetMetrics.Maximum(limit.Metric)))
                {
                    yield return FormattableString.Invariant($"budgets[{i}]: the limit of {limit.Metric} must be from 0 to {BudgetMetrics.Maximum(limit.Metric)} (found {limit.Value})");
                }
            }
        }
    }

    private IEnumerable<(string Label, ComparisonThresholds Thresholds)> Layers()
    {
        var anyCell = new CellKey("*", "*", "*", "*");
        yield return ("thresholds", ThresholdsFor(anyCell, ""));
        foreach (var metric in MetricOverrides.Keys)
        {
            yield return ($"thresholds of {metric}", ThresholdsFor(anyCell, metric));
        }
        foreach (var o in CellOverrides)
        {
            var merged = new ThresholdOverride(o.Thresholds.Warn ?? Warn, o.Thresholds.Fail ?? Fail, o.Thresholds.AbsoluteFloor ?? AbsoluteFloor);
            yield return ($"thresholds of {o.Cell}", new ComparisonThresholds(merged.Warn!.Value, merged.Fail!.Value, merged.AbsoluteFloor!.Value, Alpha));
        }
    }
}

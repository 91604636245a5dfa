using System.Globalization;
using EnergyGate.Core.Baselines;
using EnergyGate.Core.Statistics;

namespace EnergyGate.Core.Gating;

/// <summary>Which side of its limit a budgeted figure must stay on.</summary>
public enum BudgetBound
{
    /// <summary>The figure may be at most the limit (energy, time, tokens).</summary>
    AtMost,

    /// <summary>The figure must be at least the limit (pass@1, code_sim, tokens/s).</summary>
    AtLeast,
}

/// <summary>One absolute limit of a budget, e.g. decode J/token at most 0.004.</summary>
/// <param name="Metric">A metric id from <see cref="BudgetMetrics.Ids"/>.</param>
/// <param name="Bound">At most or at least.</param>
/// <param name="Value">The limit, in the metric's unit (pass@1 a share from 0 to 1, code_sim 0 to 100).</param>
public sealed record BudgetLimit(string Metric, BudgetBound Bound, double Value)
{
    /// <summary>Whether <paramref name="measured"/> keeps the limit; the limit itself is within.</summary>
    public bool Holds(double measured) => Bound == BudgetBound.AtMost ? measured <= Value : measured >= Value;

    /// <summary>"&lt;= 0.004 J/token", as a budget is written.</summary>
    public string Describe()
    {
        var unit = BudgetMetrics.Unit(Metric);
        return $"{(Bound == BudgetBound.AtMost ? "<=" : ">=")} {BudgetMetrics.Number(Value)}{(unit.Length > 0 ? " " + unit : "")}";
    }
}

/// <summary>
/// Absolute limits for the cells matching <see cref="Cell"/> (<c>gate.budgets</c>): unlike thresholds,
/// they need no baseline, so a new model or runtime is held to them from its first run.
/// </summary>
/// <param name="Cell">Cell pattern, as in <see cref="CellOverride"/>; <c>*</c> for every cell.</param>
/// <param name="Limits">The limits, in the order written; at least one.</param>
public sealed record Budget(string Cell, IReadOnlyList<BudgetLimit> Limits);

/// <summary>
/// The figures a budget can limit: every metric of <see cref="MetricCatalog"/> (its run-level median)
/// plus the two accuracy figures the report shows for the candidate, which are not per-repetition metrics.
/// </summary>
public static class BudgetMetrics
{
    /// <summary>pass@1 over every scored task of the cell (code-generation suites), a share from 0 to 1.</summary>
    public const string PassAt1 = "pass@1";

    /// <summary>LongBench's task score, mean code similarity x 100 (understanding suites), from 0 to 100.</summary>
    public const string CodeSim = "code_sim";

    /// <summary>Every id a budget accepts, in report order: the catalog's metrics, then pass@1 and code_sim.</summary>
    public static IReadOnlyList<string> Ids { get; } = [.. MetricCatalog.All.Select(m => m.Id), PassAt1, CodeSim];

    /// <summary>Whether <paramref name="id"/> can be budgeted.</summary>
    public static bool IsKnown(string id) => Ids.Contains(id, StringComparer.Ordinal);

    /// <summary>The bound a bare number means: the side on which the figure gets worse is the one limited.</summary>
    public static BudgetBound NaturalBound(string id) =>
        id is PassAt1 or CodeSim || MetricCatalog.Get(id).Direction == MetricDirection.HigherIsBetter ? BudgetBound.AtLeast : BudgetBound.AtMost;

    /// <summary>The largest limit that means anything: 1 for shares (pass@1 and the share metrics), 100 for code_sim, else none.</summary>
    public static double Maximum(string id) =>
        id == PassAt1 || MetricCatalog.Find(id)?.Unit == "share" ? 1 : id == CodeSim ? 100 : double.PositiveInfinity;

    /// <summary>The unit shown after a limit; empty for pass@1 and code_sim, which are scores.</summary>
    public static string Unit(string id) => id is PassAt1 or CodeSim ? "" : MetricCatalog.Get(id).Unit;

    /// <summary>
    /// The candidate's figure for <paramref name="id"/>, as the report shows it: the median over
    /// repetitions for a catalog metric, pass@1 over the cell's task outcomes, the mean code similarity
    /// x 100; null when the cell has none.
    /// </summary>
    public static double? Measured(CellMeasurements measurements, string id)
    {
        ArgumentNullException.ThrowIfNull(measurements);
        switch (id)
        {
            case PassAt1:
                var tasks = measurements.Outcomes.Values.Where(o => o.Count > 0).Select(o => (o.Count, o.Count(p => p))).ToList();
                return tasks.Count == 0 ? null : Scoring.PassAtK.Average(tasks, [1]).GetValueOrDefault(1);
            case CodeSim:
                return measurements.SampleScores.Count == 0 ? null : measurements.SampleScores.Values.Average() * 100;
            default:
                return measurements.Metrics.TryGetValue(id, out var values) && values.Count > 0 ? Median.Of([.. values]) : null;
        }
    }

    /// <summary>Why a cell can lack the figure, for the finding that says the budget was not checked.</summary>
    public static string WhyMissing(string id) => id switch
    {
        PassAt1 => "pass@1 comes from scored code-generation samples (an understanding suite has code_sim instead)",
        CodeSim => "code_sim comes from scored understanding suites (a code-generation suite has pass@1 instead)",
        _ when MetricCatalog.Find(id) is { IsEnergy: true } => "no meter measured this cell's energy",
        _ => "the run did not record it for this cell",
    };

    /// <summary>Four significant digits (thousands grouped), InvariantCulture: 0.0052, 0.6, 1,234,567.</summary>
    public static string Number(double value) =>
        value.ToString(Math.Abs(value) >= 1000 ? "#,0.#" : "G4", CultureInfo.InvariantCulture);
}

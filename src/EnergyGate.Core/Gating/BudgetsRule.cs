using EnergyGate.Core.Baselines;

namespace EnergyGate.Core.Gating;

/// <summary>What became of one limit of one budget for one cell.</summary>
public enum BudgetStatus
{
    /// <summary>The cell's figure keeps the limit.</summary>
    Within,

    /// <summary>The cell's figure breaks the limit (EG1015, fails the gate).</summary>
    Breached,

    /// <summary>The cell has no such figure, so the limit could not be checked (EG1010).</summary>
    NotMeasured,

    /// <summary>The cell's run is incomplete (EG1012); a partial figure is not held to the limit.</summary>
    Incomplete,

    /// <summary>No cell of the run matches the budget's pattern.</summary>
    NoMatchingCell,
}

/// <summary>One row of the budgets table: a limit of a budget applied to one cell (or to none).</summary>
/// <param name="Budget">Index of the budget in <see cref="GatePolicy.Budgets"/> (0-based, as in <c>gate.budgets[0]</c>).</param>
/// <param name="Pattern">The budget's cell pattern.</param>
/// <param name="Cell">The matching cell; null with <see cref="BudgetStatus.NoMatchingCell"/>.</param>
/// <param name="Limit">The limit.</param>
/// <param name="Measured">The cell's figure (<see cref="BudgetMetrics.Measured"/>); null when it was not measured or not checked.</param>
/// <param name="Status">Within, breached or why not checked.</param>
public sealed record BudgetCheck(int Budget, string Pattern, CellKey? Cell, BudgetLimit Limit, double? Measured, BudgetStatus Status);

/// <summary>
/// Holds each candidate cell to the absolute limits of the budgets whose pattern matches it. A budget
/// needs no baseline, so it is checked whether the cell was compared, has no baseline or was measured
/// on another machine class: the limit is a property of this run alone. Acknowledgements do not cover
/// a breach: the budget sits in the same reviewed file, so accepting more is done by raising it there.
/// </summary>
internal static class BudgetsRule
{
    /// <summary>The checks of every budget for <paramref name="record"/>, adding EG1015 for a breach and EG1010 for a figure the cell lacks.</summary>
    public static IEnumerable<BudgetCheck> Check(CellRecord record, bool incomplete, GatePolicy policy, List<Finding> findings)
    {
        var cell = record.Cell;
        var checks = new List<BudgetCheck>();
        for (var i = 0; i < policy.Budgets.Count; i++)
        {
            var budget = policy.Budgets[i];
            if (!CellPattern.Matches(budget.Cell, cell))
            {
                continue;
            }
            foreach (var limit in budget.Limits)
            {
                var source = $"gate.budgets[{i}]";
                if (incomplete)
                {
                    // Half a run's repetitions are not the run's median; EG1012 already says the cell is unfinished.
                    checks.Add(new BudgetCheck(i, budget.Cell, cell, limit, null, BudgetStatus.Incomplete));
                    continue;
                }
                // A figure the cell lacks is a finding, not a configuration error: whether a cell has it depends
                // on the run (a meter that saw nothing, samples left unscored, a '*' pattern that also matches
                // the other kind of suite), which the loader cannot know. A warning, as for a gated metric
                // missing on one side (EG1010): the limit was not shown to hold, but nothing was shown to break it.
                if (BudgetMetrics.Measured(record.Measurements, limit.Metric) is not { } measured)
                {
                    checks.Add(new BudgetCheck(i, budget.Cell, cell, limit, null, BudgetStatus.NotMeasured));
                    findings.Add(new Finding(FindingIds.MetricMissing, FindingLevel.Warning, cell, limit.Metric,
                        $"{cell}: budget {limit.Metric} {limit.Describe()} ({source}) not checked: {BudgetMetrics.WhyMissing(limit.Metric)}"));
                    continue;
                }
                if (limit.Holds(measured))
                {
                    checks.Add(new BudgetCheck(i, budget.Cell, cell, limit, measured, BudgetStatus.Within));
                    continue;
                }
                checks.Add(new BudgetCheck(i, budget.Cell, cell, limit, measured, BudgetStatus.Breached));
                var unit = BudgetMetrics.Unit(limit.Metric);
                var verb = limit.Bound == BudgetBound.AtMost ? "exceeds" : "falls short of";
                findings.Add(new Finding(FindingIds.BudgetExceeded, FindingLevel.Error, cell, limit.Metric,
                    $"{cell}: {limit.Metric} {BudgetMetrics.Number(measured)}{(unit.Length > 0 ? " " + unit : "")} {verb} its budget {limit.Describe()} ({source})"));
            }
        }
        return checks;
    }

    /// <summary>
    /// The table's rows in budget order (then limit, then cell), with a row for each limit of a budget
    /// that matched no cell: a pattern with a typo must not pass unseen.
    /// </summary>
    public static List<BudgetCheck> Table(GatePolicy policy, IEnumerable<BudgetCheck> checks)
    {
        var byBudget = checks.ToLookup(c => c.Budget);
        var rows = new List<BudgetCheck>();
        for (var i = 0; i < policy.Budgets.Count; i++)
        {
            var budget = policy.Budgets[i];
            foreach (var limit in budget.Limits)
            {
                var forLimit = byBudget[i].Where(c => ReferenceEquals(c.Limit, limit)).OrderBy(c => c.Cell!.ToString(), StringComparer.Ordinal).ToList();
                rows.AddRange(forLimit.Count > 0 ? forLimit : [new BudgetCheck(i, budget.Cell, null, limit, null, BudgetStatus.NoMatchingCell)]);
            }
        }
        return rows;
    }
}

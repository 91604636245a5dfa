using System.Text;
using EnergyGate.Core.Baselines;
using EnergyGate.Core.Gating;

namespace EnergyGate.Core.Reporting;

/// <summary>
/// The "Budgets" table: every limit of <c>gate.budgets</c> against each cell it matched, with the
/// cell's figure (the median the report shows elsewhere) and whether it kept the limit. Shown even
/// when everything is within budget, so a reviewer sees how close each cell runs to its limit.
/// </summary>
public static class BudgetSection
{
    private const string Header = "| Budget | Cell | Limit | Current (median) | Status |\n|---|---|---|---:|---|\n";

    /// <summary>
    /// The Markdown section, empty without budgets. Longer than <paramref name="maxLength"/>, it lists only
    /// the limits that were not kept or not checked, then only counts.
    /// </summary>
    public static string Markdown(GateResult result, int maxLength = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Budgets.Count == 0)
        {
            return "";
        }
        var full = Table(result, result.Budgets, "");
        if (full.Length <= maxLength)
        {
            return full;
        }
        var within = result.Budgets.Count(b => b.Status == BudgetStatus.Within);
        var flagged = Table(result, [.. result.Budgets.Where(b => b.Status != BudgetStatus.Within)],
            Format.Inv($"> {within} limits within budget not listed, to stay under GitHub's comment limit; see the JSON report.\n\n"));
        return flagged.Length <= maxLength ? flagged : Format.Inv($"### Budgets\n\n{Counts(result.Budgets)} (table omitted to stay under GitHub's comment limit; see the JSON report)\n\n");
    }

    /// <summary>One object per row of the table, for the JSON report; empty without budgets.</summary>
    public static IReadOnlyList<object> Json(GateResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return [.. result.Budgets.Select(b => (object)new
        {
            b.Budget,
            CellPattern = b.Pattern,
            Cell = b.Cell?.ToString(),
            b.Limit.Metric,
            b.Limit.Bound,
            Limit = b.Limit.Value,
            Unit = BudgetMetrics.Unit(b.Limit.Metric),
            b.Measured,
            b.Status,
        })];
    }

    private static string Table(GateResult result, IReadOnlyList<BudgetCheck> rows, string note)
    {
        var text = new StringBuilder("### Budgets\n\n").Append(Header);
        foreach (var row in rows)
        {
            text.Append(Format.Inv($"| #{row.Budget + 1} `{Format.Cell(row.Pattern)}` | {Format.Cell(row.Cell?.ToString() ?? "-")} | "))
                .Append(Format.Inv($"{Format.Cell(row.Limit.Metric)} {row.Limit.Describe()} | {Current(result, row)} | {Status(row.Status)} |\n"));
        }
        return text.Append('\n').Append(note).ToString();
    }

    /// <summary>The row's figure as the report shows it elsewhere: energy with its meter kind; the scores as written in the budget.</summary>
    internal static string Current(GateResult result, BudgetCheck row)
    {
        if (row.Measured is not { } value)
        {
            return "-";
        }
        if (MetricCatalog.Find(row.Limit.Metric) is { } definition && row.Cell is { } cell
            && result.Cells.FirstOrDefault(c => c.Cell == cell) is { } cellResult)
        {
            return Format.Value(value, definition, Format.KindOf(definition.Id, cellResult.Candidate.Measurements, result.Candidate.Fingerprint));
        }
        return BudgetMetrics.Number(value);
    }

    private static string Status(BudgetStatus status) => status switch
    {
        BudgetStatus.Within => "Within",
        BudgetStatus.Breached => $"Breached ({FindingIds.BudgetExceeded})",
        BudgetStatus.NotMeasured => $"Not measured ({FindingIds.MetricMissing})",
        BudgetStatus.Incomplete => $"Not checked: incomplete run ({FindingIds.Incomplete})",
        _ => "No cell of this run matches",
    };

    private static string Counts(IReadOnlyList<BudgetCheck> rows)
    {
        static string Word(BudgetStatus status) => status switch
        {
            BudgetStatus.Within => "within",
            BudgetStatus.Breached => "breached",
            BudgetStatus.NotMeasured => "not measured",
            BudgetStatus.Incomplete => "not checked (incomplete run)",
            _ => "matching no cell",
        };
        return string.Join(", ", rows.GroupBy(r => r.Status).OrderBy(g => g.Key).Select(g => Format.Inv($"{g.Count()} {Word(g.Key)}")));
    }
}

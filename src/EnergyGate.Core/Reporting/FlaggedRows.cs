using System.Text;
using EnergyGate.Core.Baselines;
using EnergyGate.Core.Gating;

namespace EnergyGate.Core.Reporting;

/// <summary>The summary table: one row per finding that is not a plain "no change".</summary>
internal static class FlaggedRows
{
    public sealed record Row(string Cell, string Metric, string Baseline, string Current, string Change, string Outcome);

    public static List<Row> For(GateResult result)
    {
        var rows = new List<Row>();
        foreach (var f in result.Findings.Where(f => f.Id != FindingIds.ExpiredAcknowledgement))
        {
            var cell = result.Cells.First(c => c.Cell == f.Cell);
            var outcome = $"{Label(f)} ({f.Id})";
            if (f.Id == FindingIds.BudgetExceeded && result.Budgets.FirstOrDefault(b => b.Cell == f.Cell && b.Limit.Metric == f.Metric && b.Status == BudgetStatus.Breached) is { } over)
            {
                rows.Add(new Row(f.Cell.ToString(), f.Metric!, "-", BudgetSection.Current(result, over), $"budget {over.Limit.Describe()}", outcome));
            }
            else if (f.Metric == MetricIds.Accuracy && cell.Accuracy is { } a)
            {
                rows.Add(new Row(f.Cell.ToString(), "pass@1", Format.Percent(a.BaselinePassAt1), Format.Percent(a.CandidatePassAt1), Format.Points(-a.DropPoints), outcome));
            }
            else if (f.Id == FindingIds.Incomplete && result.Candidate.Incomplete.FirstOrDefault(i => i.Cell == f.Cell) is { } gap)
            {
                rows.Add(new Row(f.Cell.ToString(), "samples", "-", Format.Inv($"{gap.Samples} of {gap.ExpectedSamples} ({gap.ScoredSamples} scored)"), "-", outcome));
            }
            else if (f.Metric is not null && cell.Metrics.FirstOrDefault(m => m.Metric == f.Metric) is { } m && cell.Baseline is { } b)
            {
                var def = MetricCatalog.Get(m.Metric);
                rows.Add(new Row(f.Cell.ToString(), m.Metric,
                    Format.Value(m.BaselineMedian, def, Format.KindOf(m.Metric, b.Record.Measurements, b.Fingerprint)),
                    Format.Value(m.CandidateMedian, def, Format.KindOf(m.Metric, cell.Candidate.Measurements, result.Candidate.Fingerprint)),
                    Format.Change(m.Ratio), outcome));
            }
            else
            {
                rows.Add(new Row(f.Cell.ToString(), f.Metric ?? "-", "-", "-", "-", outcome));
            }
        }
        return rows;
    }

    public static string Table(IReadOnlyList<Row> rows)
    {
        if (rows.Count == 0)
        {
            return "";
        }
        var text = new StringBuilder("| Cell | Metric | Baseline (median) | Current (median) | Change (95% CI) | Outcome |\n|---|---|---:|---:|---:|---|\n");
        foreach (var r in rows)
        {
            text.Append(Format.Inv($"| {Format.Cell(r.Cell)} | {Format.Cell(r.Metric)} | {r.Baseline} | {r.Current} | {r.Change} | {r.Outcome} |\n"));
        }
        return text.Append('\n').ToString();
    }

    private static string Label(Finding f) => f.Id switch
    {
        FindingIds.Regression => "Worse, fail",
        FindingIds.Warning => "Worse, warn",
        FindingIds.AccuracyDrop => "Accuracy drop",
        FindingIds.Inconclusive => "Inconclusive",
        FindingIds.Incomparable => "Incomparable",
        FindingIds.NoBaseline => "No baseline",
        FindingIds.Acknowledged => "Acknowledged",
        FindingIds.Improvement => "Better",
        FindingIds.MetricMissing => "Not measured",
        FindingIds.AccuracyNotCompared => "Accuracy not gated",
        FindingIds.Incomplete => "Incomplete",
        FindingIds.BudgetExceeded => "Budget breached",
        _ => f.Id,
    };
}

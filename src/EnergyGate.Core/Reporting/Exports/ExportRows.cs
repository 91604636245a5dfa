using EnergyGate.Core.Baselines;
using EnergyGate.Core.Gating;
using EnergyGate.Core.Scoring;
using EnergyGate.Core.Statistics;

namespace EnergyGate.Core.Reporting.Exports;

/// <summary>One figure of one cell for a benchmark tracker: the candidate's own value, not a comparison.</summary>
/// <param name="Cell">The cell.</param>
/// <param name="Metric">Metric id (<see cref="MetricIds"/>) or <see cref="ExportRows.PassAt1"/>.</param>
/// <param name="Unit">The metric's unit; empty for a metric this version does not know.</param>
/// <param name="Direction">Which way is better: decides the github-action-benchmark file.</param>
/// <param name="Value">Median over the candidate's repetitions (pass@1: over its tasks).</param>
/// <param name="Interval">95 % order-statistic interval of that median; null with fewer than 6 repetitions, and for pass@1.</param>
/// <param name="Count">Repetitions the median is over (pass@1: tasks).</param>
/// <param name="Kind">The energy kind for energy metrics, else null.</param>
public sealed record ExportRow(CellKey Cell, string Metric, string Unit, MetricDirection Direction, double Value, EffectInterval? Interval, int Count, MeterKind? Kind);

/// <summary>
/// The figures the exports write: for every measured cell, each metric's median over the candidate's
/// repetitions with its own 95 % interval, then pass@1 where the cell has outcomes. Trackers chart
/// one run after another, so the values are this run's alone; the gate's baseline ratios stay in the reports.
/// </summary>
public static class ExportRows
{
    /// <summary>The id the exports give pass@1 (share of tasks solved, 0..1; higher is better).</summary>
    public const string PassAt1 = "pass_at_1";

    /// <summary>The level of the exported intervals.</summary>
    public const double Confidence = 0.95;

    /// <summary>
    /// Rows in the result's cell order, metrics in catalog order. Left out: incomplete cells (half a
    /// run's median would be charted as a whole run's), energy figures of a cell whose energy was not
    /// measured (zeros that mean nothing) and non-finite medians.
    /// </summary>
    public static IReadOnlyList<ExportRow> For(GateResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var rows = new List<ExportRow>();
        foreach (var cell in result.Cells.Where(c => c.Status != CellStatus.Incomplete))
        {
            var measurements = cell.Candidate.Measurements;
            var ids = measurements.Metrics.Keys.OrderBy(MetricCatalog.Order).ThenBy(id => id, StringComparer.Ordinal);
            foreach (var id in ids)
            {
                var values = measurements.Metrics[id];
                var definition = MetricCatalog.Get(id);
                var kind = definition.IsEnergy ? Format.KindOf(id, measurements, result.Candidate.Fingerprint) : (MeterKind?)null;
                if (values.Count == 0 || kind == MeterKind.NotMeasured || !double.IsFinite(Median.Of(values)))
                {
                    continue;
                }
                rows.Add(new ExportRow(cell.Cell, id, definition.Unit, definition.Direction, Median.Of(values),
                    MedianInterval.Of(values, Confidence), values.Count, kind));
            }
            var tasks = measurements.Outcomes.Values.Where(o => o.Count > 0).Select(o => (o.Count, o.Count(passed => passed))).ToList();
            if (tasks.Count > 0)
            {
                rows.Add(new ExportRow(cell.Cell, PassAt1, "share", MetricDirection.HigherIsBetter,
                    PassAtK.Average(tasks, [1])[1], null, tasks.Count, null));
            }
        }
        return rows;
    }
}

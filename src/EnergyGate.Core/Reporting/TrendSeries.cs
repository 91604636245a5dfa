using EnergyGate.Core.Baselines;
using EnergyGate.Core.Gating;
using EnergyGate.Core.History;
using EnergyGate.Core.Statistics;

namespace EnergyGate.Core.Reporting;

/// <summary>One run on a trend chart.</summary>
/// <param name="Commit">Commit measured.</param>
/// <param name="Date">When the run started (UTC).</param>
/// <param name="Figure">The run's median and interval of the metric.</param>
/// <param name="Verdict">The gate's verdict for that run, when it was gated.</param>
/// <param name="MeterKind">The run's weakest energy kind.</param>
/// <param name="IsCurrent">The run this report is about.</param>
internal sealed record TrendPoint(string Commit, DateTimeOffset Date, RunFigure Figure, GateVerdict? Verdict, MeterKind MeterKind, bool IsCurrent)
{
    /// <summary>The commit as a reader recognises it: 7 characters of a hash.</summary>
    public string ShortCommit => Commit.Length > 7 ? Commit[..7] : Commit;
}

/// <summary>The lines a trend chart draws for the gate's decision, in the metric's unit.</summary>
/// <param name="Baseline">The baseline's median (for stored runs, the centre of their medians).</param>
/// <param name="Warn">Where a run would warn.</param>
/// <param name="Fail">Where a run would fail.</param>
/// <param name="WarnShare">The relative warn threshold applied (0.05 = +5 %), drift allowance included.</param>
/// <param name="FailShare">The relative fail threshold applied.</param>
internal sealed record TrendThresholds(double Baseline, double Warn, double Fail, double WarnShare, double FailShare)
{
    /// <summary>
    /// The thresholds the gate applied to <paramref name="metric"/> of <paramref name="cell"/>, as
    /// values: baseline x (1 + threshold) for a lower-is-better metric, baseline / (1 + threshold)
    /// for a higher-is-better one (the gate judges the inverse ratio there), both widened by the
    /// drift allowance where the baseline holds one run. Null when the cell was not compared or the
    /// metric is an exact work count (compared exactly, not against these thresholds).
    /// </summary>
    public static TrendThresholds? For(CellResult cell, string metric, GatePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(cell);
        ArgumentNullException.ThrowIfNull(policy);
        if (cell.Status != CellStatus.Compared || cell.Baseline is not { } baseline || MetricCatalog.ExactWork.Contains(metric)
            || cell.Metrics.FirstOrDefault(m => m.Metric == metric) is not { } comparison
            || !double.IsFinite(comparison.BaselineMedian) || comparison.BaselineMedian <= 0)
        {
            return null;
        }
        var thresholds = policy.ThresholdsFor(cell.Cell, metric);
        var drift = baseline.Evidence == BaselineEvidence.Runs && baseline.Record.RunsOf(metric).Count == 1 ? thresholds.RunDrift : 0;
        var (warn, fail) = (thresholds.Warn + drift, thresholds.Fail + drift);
        var higherIsBetter = MetricCatalog.Get(metric).Direction == MetricDirection.HigherIsBetter;
        double Limit(double share) => higherIsBetter ? comparison.BaselineMedian / (1 + share) : comparison.BaselineMedian * (1 + share);
        return new TrendThresholds(comparison.BaselineMedian, Limit(warn), Limit(fail), warn, fail);
    }
}

/// <summary>Picks one cell's metric out of a run history.</summary>
internal static class TrendSeries
{
    /// <summary>The runs of <paramref name="entries"/> that have <paramref name="metric"/> for <paramref name="cell"/>, in order; the last entry is marked current when <paramref name="lastIsCurrent"/>.</summary>
    public static IReadOnlyList<TrendPoint> Of(IReadOnlyList<HistoryEntry> entries, string cell, string metric, bool lastIsCurrent)
    {
        var points = new List<TrendPoint>(entries.Count);
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            if (entry.Cells.TryGetValue(cell, out var figures) && figures.FigureOf(metric) is { } figure)
            {
                points.Add(new TrendPoint(entry.Commit, entry.Date, figure, entry.Verdict, entry.MeterKind, lastIsCurrent && i == entries.Count - 1));
            }
        }
        return points;
    }

    /// <summary>The metric's median over the runs before the last one, or NaN when there are none.</summary>
    public static double EarlierMedian(IReadOnlyList<TrendPoint> points) =>
        points.Count < 2 ? double.NaN : Median.Of([.. points.Take(points.Count - 1).Select(p => p.Figure.Median)]);
}

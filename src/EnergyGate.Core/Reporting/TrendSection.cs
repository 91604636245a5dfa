using System.Globalization;
using System.Net;
using System.Text;
using EnergyGate.Core.Baselines;
using EnergyGate.Core.Gating;
using EnergyGate.Core.History;

namespace EnergyGate.Core.Reporting;

/// <summary>
/// The trends of the report's gated metrics over the machine class's recorded runs (<c>--history</c>).
/// Markdown: a Mermaid <c>xychart-beta</c> line chart (which GitHub renders) for each flagged
/// cell/metric, cells with a finding first, and a one-row-per-cell table of Unicode sparklines for
/// every cell, all inside the room the report leaves it. HTML: an SVG chart per cell and gated metric.
/// </summary>
internal static class TrendSection
{
    /// <summary>Mermaid charts at most: each is ~1 kB and a screen tall; more flagged pairs fall back to their sparklines.</summary>
    public const int MostMermaidCharts = 6;

    /// <summary>
    /// Most characters of the Markdown section whatever room is left, so per-cell details still fit in
    /// a large report: 50 cells of 4 gated metrics over 31 runs take about 13,000 in the table.
    /// </summary>
    public const int MostCharacters = 20_000;

    private const string Bars = "▁▂▃▄▅▆▇█";

    private const int MostCommitLabels = 10;

    // Room kept for the closing note, whose count is not known until the end.
    private const int NoteRoom = 120;

    /// <summary>The Markdown section, or "" without a trend or when not even its heading fits in <paramref name="room"/>.</summary>
    public static string Markdown(ReportModel model, int room)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.Trend is not { } trend || Rows(model.Result, trend) is not { Count: > 0 } rows)
        {
            return "";
        }
        room = Math.Min(room, MostCharacters);
        var result = model.Result;
        var text = new StringBuilder(Format.Inv(
            $"## Trends\n\nMachine class `{trend.MachineClass}`: the last {trend.Entries.Count - 1} recorded runs, oldest first, then this run (the last point). "))
            .Append("Each point is a run's median; the full charts with intervals and thresholds are in the HTML report.\n\n");
        if (text.Length + NoteRoom > room)
        {
            return "";
        }
        var charts = 0;
        foreach (var (cell, metric, points) in Flagged(result, rows))
        {
            var chart = Mermaid(cell, metric, points, TrendThresholds.For(cell, metric, result.Policy));
            if (charts < MostMermaidCharts && text.Length + chart.Length + NoteRoom <= room)
            {
                text.Append(chart);
                charts++;
            }
        }
        var metrics = result.Policy.GatedMetrics;
        var table = new StringBuilder("| Cell (oldest → this run) | ").AppendJoin(" | ", metrics.Select(Format.Cell)).Append(" |\n|---|")
            .Append(string.Concat(Enumerable.Repeat("---|", metrics.Count))).Append('\n');
        var shown = 0;
        foreach (var (cell, series) in rows)
        {
            var row = Row(cell, metrics, series);
            if (text.Length + table.Length + row.Length + NoteRoom > room)
            {
                break;
            }
            table.Append(row);
            shown++;
        }
        if (shown > 0)
        {
            text.Append(table).Append('\n');
        }
        if (shown < rows.Count)
        {
            text.Append(Format.Inv($"> {rows.Count - shown} more cells: see the HTML report.\n\n"));
        }
        return text.ToString();
    }

    /// <summary>The HTML section: per cell a chart of each gated metric with at least one recorded run besides this one.</summary>
    public static string Html(ReportModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.Trend is not { } trend || Rows(model.Result, trend) is not { Count: > 0 } rows)
        {
            return "";
        }
        var html = new StringBuilder("<h2 id=\"trends\">Trends</h2>\n<p>")
            .Append(WebUtility.HtmlEncode(Format.Inv($"Machine class {trend.MachineClass}: the last {trend.Entries.Count - 1} recorded runs and this run. ")))
            .Append("Each point is a run's median, its whiskers the run's interval (95 % from 6 repetitions on; the level fewer allow otherwise, see the point's tooltip); ")
            .Append("the dashed lines are the baseline and the warn and fail thresholds the gate applied to this run.</p>\n");
        foreach (var (cell, series) in rows)
        {
            html.Append("<section class=\"trend\">\n<h3>").Append(WebUtility.HtmlEncode(cell.Cell.ToString())).Append("</h3>\n");
            foreach (var (metric, points) in series)
            {
                html.Append(TrendCharts.Svg(cell.Cell.ToString(), metric, points, TrendThresholds.For(cell, metric, model.Result.Policy))).Append('\n');
            }
            html.Append("</section>\n");
        }
        return html.ToString();
    }

    // Per cell (those with a finding first, otherwise in the report's order) the gated metrics that have an earlier run to compare with.
    private static List<(CellResult Cell, List<(string Metric, IReadOnlyList<TrendPoint> Points)> Series)> Rows(GateResult result, RunTrend trend) =>
        [.. result.Cells
            .Select((cell, index) => (Cell: cell, Index: index, Flagged: result.Findings.Any(f => f.Cell == cell.Cell)))
            .OrderBy(c => c.Flagged ? 0 : 1).ThenBy(c => c.Index)
            .Select(c => (c.Cell, Series: result.Policy.GatedMetrics
                .Select(m => (Metric: m, Points: TrendSeries.Of(trend.Entries, c.Cell.Cell.ToString(), m, lastIsCurrent: true)))
                .Where(s => s.Points.Count >= 2 && s.Points[^1].IsCurrent).ToList()))
            .Where(c => c.Series.Count > 0)];

    /// <summary>
    /// The cell/metric pairs with a finding, most serious first (errors, then warnings, then notices)
    /// and, within a level, each cell's first flagged metric before any cell's second, so the
    /// capped charts show as many cells as they can.
    /// </summary>
    private static IEnumerable<(CellResult Cell, string Metric, IReadOnlyList<TrendPoint> Points)> Flagged(
        GateResult result, List<(CellResult Cell, List<(string Metric, IReadOnlyList<TrendPoint> Points)> Series)> rows) =>
        rows.SelectMany((row, cellIndex) => row.Series
                .Select(s => (row.Cell, s.Metric, s.Points, Level: result.Findings.Where(f => f.Cell == row.Cell.Cell && f.Metric == s.Metric).Select(f => (FindingLevel?)f.Level).Min()))
                .Where(x => x.Level is not null)
                .Select((x, rank) => (x.Cell, x.Metric, x.Points, x.Level, Rank: rank, CellIndex: cellIndex)))
            .OrderBy(x => x.Level).ThenBy(x => x.Rank).ThenBy(x => x.CellIndex)
            .Select(x => (x.Cell, x.Metric, x.Points));

    private static string Row(CellResult cell, IReadOnlyList<string> metrics, List<(string Metric, IReadOnlyList<TrendPoint> Points)> series)
    {
        var row = new StringBuilder("| ").Append(Format.Cell(cell.Cell.ToString())).Append(" |");
        foreach (var metric in metrics)
        {
            var points = series.FirstOrDefault(s => s.Metric == metric).Points;
            if (points is null)
            {
                row.Append(" – |");
                continue;
            }
            var current = points[^1].Figure.Median;
            var earlier = TrendSeries.EarlierMedian(points);
            var change = earlier > 0 ? " (" + FindingRules.Percent(current / earlier) + ")" : "";
            row.Append(" `").Append(Sparkline(points)).Append("` ").Append(Format.Number(current)).Append(change).Append(" |");
        }
        return row.Append('\n').ToString();
    }

    /// <summary>One bar character per run, scaled from the lowest median (▁) to the highest (█); all ▄ when they are equal.</summary>
    public static string Sparkline(IReadOnlyList<TrendPoint> points)
    {
        var values = points.Select(p => p.Figure.Median).ToList();
        var (min, max) = (values.Min(), values.Max());
        return string.Concat(values.Select(v => max > min ? Bars[(int)Math.Round((v - min) / (max - min) * (Bars.Length - 1))] : Bars[3]));
    }

    private static string Mermaid(CellResult cell, string metric, IReadOnlyList<TrendPoint> points, TrendThresholds? thresholds)
    {
        var unit = MetricCatalog.Get(metric).Unit;
        var current = points[^1].Figure.Median;
        var earlier = TrendSeries.EarlierMedian(points);
        var values = points.Select(p => p.Figure.Median).Concat(thresholds is null ? [] : [thresholds.Fail]).ToList();
        var (min, max) = (values.Min(), values.Max());
        var pad = max > min ? (max - min) * 0.1 : Math.Max(Math.Abs(max) * 0.1, 1e-9);
        var lo = min >= 0 ? Math.Max(0, min - pad) : min - pad;
        var text = new StringBuilder(Format.Inv($"**{Format.Cell(cell.Cell.ToString())}** `{metric}`: this run {Format.Number(current)} {unit}"));
        if (earlier > 0)
        {
            text.Append(Format.Inv($", {FindingRules.Percent(current / earlier)} against the median of the {points.Count - 1} runs before"));
        }
        text.Append(thresholds is null ? ".\n\n" : Format.Inv($"; blue: run medians, red: the fail threshold ({FindingRules.Percent(1 + thresholds.FailShare)} of the baseline).\n\n"));
        // The palette makes the runs blue and the threshold vermilion, as in the HTML report (the default theme draws the first line pale).
        text.Append("```mermaid\n%%{init: {\"themeVariables\": {\"xyChart\": {\"plotColorPalette\": \"#0072b2, #d55e00\"}}}}%%\nxychart-beta\n")
            .Append("    title \"").Append(Quoted(unit.Length > 0 ? $"{metric} ({unit})" : metric)).Append("\"\n");
        // Commit labels overlap beyond about 10 runs at GitHub's width: then the runs are numbered, this run last.
        if (points.Count <= MostCommitLabels)
        {
            text.Append("    x-axis [").AppendJoin(", ", points.Select(p => "\"" + (p.IsCurrent ? "this run" : Quoted(p.ShortCommit)) + "\"")).Append("]\n");
        }
        else
        {
            text.Append(Format.Inv($"    x-axis \"run (the last is this run)\" 1 --> {points.Count}\n"));
        }
        text
            .Append("    y-axis \"").Append(Quoted(unit.Length > 0 ? unit : metric)).Append("\" ").Append(Number(lo)).Append(" --> ").Append(Number(max + pad)).Append('\n')
            .Append("    line [").AppendJoin(", ", points.Select(p => Number(p.Figure.Median))).Append("]\n");
        if (thresholds is not null)
        {
            text.Append("    line [").AppendJoin(", ", points.Select(_ => Number(thresholds.Fail))).Append("]\n");
        }
        return text.Append("```\n\n").ToString();
    }

    // Mermaid reads plain decimals: five significant digits, never an exponent.
    private static string Number(double value)
    {
        var digits = value == 0 ? 0 : Math.Clamp(4 - (int)Math.Floor(Math.Log10(Math.Abs(value))), 0, 15);
        return Math.Round(value, digits).ToString("0.###############", CultureInfo.InvariantCulture);
    }

    private static string Quoted(string text) => text.Replace('"', '\'');
}

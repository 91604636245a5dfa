using System.Net;
using System.Text;
using EnergyGate.Core.History;

namespace EnergyGate.Core.Reporting;

/// <summary>
/// history.html: a static, self-contained page (inline SVG and CSS, no script, nothing fetched) with
/// one chart per machine class, cell and gated metric over the recorded runs; publishable as is to
/// GitHub Pages. The same charts and look as the HTML report's trends.
/// </summary>
public static class HistoryPage
{
    /// <summary>The page for every run in <paramref name="entries"/>.</summary>
    /// <param name="entries">Runs of every machine class, each class oldest first (<see cref="HistoryStore.ReadAll"/>).</param>
    /// <param name="metrics">Metric ids to chart (the gate's gated metrics).</param>
    /// <param name="last">Most recent runs per machine class to draw.</param>
    /// <param name="source">The history folder, named on the page.</param>
    public static string Render(IReadOnlyList<HistoryEntry> entries, IReadOnlyList<string> metrics, int last, string source)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentOutOfRangeException.ThrowIfLessThan(last, 1);
        var html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>EnergyGate history</title>\n")
            .Append("<style>").Append(HtmlReport.Style).Append("</style>\n</head>\n<body>\n<h1>EnergyGate history</h1>\n");
        var classes = entries.GroupBy(e => e.MachineClass, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        if (classes.Count == 0)
        {
            return html.Append("<p>No runs recorded yet in ").Append(Encode(source))
                .Append(". Record one with <code>dotnet energygate history append --history DIR --results FILE</code>.</p>\n</body>\n</html>\n").ToString();
        }
        html.Append("<p>Runs recorded on the default branch, per machine class, oldest first. Each point is a run's median, its whiskers the run's interval ")
            .Append("(95 % from 6 repetitions on; the level fewer allow otherwise, see the point's tooltip). Points of runs the gate called a regression are red.</p>\n");
        if (classes.Count > 1)
        {
            html.Append("<ul>\n");
            foreach (var group in classes)
            {
                html.Append("<li><a href=\"#").Append(Encode(Anchor(group.Key))).Append("\">").Append(Encode(group.Key)).Append("</a></li>\n");
            }
            html.Append("</ul>\n");
        }
        foreach (var group in classes)
        {
            MachineClass(html, group.Key, [.. group.TakeLast(last)], group.Count(), metrics);
        }
        return html.Append("</body>\n</html>\n").ToString();
    }

    private static void MachineClass(StringBuilder html, string machineClass, List<HistoryEntry> runs, int recorded, IReadOnlyList<string> metrics)
    {
        var latest = runs[^1];
        html.Append("<h2 id=\"").Append(Encode(Anchor(machineClass))).Append("\">").Append(Encode(machineClass)).Append("</h2>\n<p>")
            .Append(Encode(Format.Inv($"{runs.Count} of {recorded} recorded runs, {runs[0].Date:yyyy-MM-dd} to {latest.Date:yyyy-MM-dd}; ")))
            .Append(Encode($"meters: {string.Join(", ", runs.Select(r => r.MeterKind.ToString()).Distinct())}; "))
            .Append(Encode($"latest: {latest.Commit}{(latest.Verdict is { } v ? $" ({v.ToString().ToLowerInvariant()})" : "")}, EnergyGate {latest.ToolVersion}."))
            .Append("</p>\n");
        var cells = runs.SelectMany(r => r.Cells.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        foreach (var cell in cells)
        {
            var charts = metrics.Select(m => TrendCharts.Svg(cell, m, TrendSeries.Of(runs, cell, m, lastIsCurrent: false), thresholds: null))
                .Where(svg => svg.Length > 0).ToList();
            if (charts.Count == 0)
            {
                continue;
            }
            html.Append("<section class=\"trend\">\n<h3>").Append(Encode(cell)).Append("</h3>\n");
            foreach (var svg in charts)
            {
                html.Append(svg).Append('\n');
            }
            html.Append("</section>\n");
        }
    }

    private static string Anchor(string machineClass) => "class-" + HistoryFileName.For(machineClass)[..^HistoryFileName.Extension.Length];

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}

using System.Text.RegularExpressions;
using EnergyGate.Core.Baselines;
using EnergyGate.Core.Gating;
using EnergyGate.Core.History;
using EnergyGate.Core.Reporting;
using EnergyGate.Core.Tests.Gating;
using EnergyGate.Core.Tests.History;
using EnergyGate.Core.Tests.TestSupport;

namespace EnergyGate.Core.Tests.Reporting;

/// <summary>Trend charts in the HTML and Markdown reports, drawn from a synthetic 30-run history.</summary>
public sealed partial class TrendReportTests
{
    private const int Recorded = 30;

    [Fact]
    public void The_html_report_has_a_chart_per_cell_and_gated_metric_with_every_run_and_the_current_one_marked()
    {
        var result = ReportFixture.Result();
        var html = HtmlReport.Render(ReportModel.For(result) with { Trend = HistoryFixtures.Trend(result, Recorded) });
        var charts = Charts(html);
        // Every candidate cell has the four gated energy metrics, in every recorded run too.
        Assert.Equal(result.Cells.Count * GatePolicy.Default.GatedMetrics.Count, charts.Count);
        Assert.All(charts, chart =>
        {
            Assert.Equal(Recorded + 1, Points(chart).Count);
            Assert.Single(Points(chart), p => p.Contains("trend-point current", StringComparison.Ordinal));
            Assert.Contains("trend-point current\" cx", Points(chart)[^1], StringComparison.Ordinal);
            Assert.Contains(">this run</text>", chart, StringComparison.Ordinal);
        });
        Assert.Contains("<h2 id=\"trends\">Trends</h2>", html, StringComparison.Ordinal);
        // Trends are SVG in the HTML report, not the Markdown's Mermaid.
        Assert.DoesNotContain("mermaid", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Compared_cells_draw_the_gates_lines_and_cells_without_a_baseline_none()
    {
        var result = ReportFixture.Result();
        var html = HtmlReport.Render(ReportModel.For(result) with { Trend = HistoryFixtures.Trend(result, Recorded) });
        var compared = result.Cells.First(c => c.Status == CellStatus.Compared);
        var chart = Charts(html).First(c => c.Contains($"data-cell=\"{compared.Cell}\" data-metric=\"{MetricIds.JoulesPerProblem}\"", StringComparison.Ordinal));
        Assert.Contains("class=\"trend-baseline\"", chart, StringComparison.Ordinal);
        Assert.Contains(">fail +10.0%</text>", chart, StringComparison.Ordinal);
        Assert.Contains(">warn +5.0%</text>", chart, StringComparison.Ordinal);
        var noBaseline = result.Cells.First(c => c.Status == CellStatus.NoBaseline);
        var plain = Charts(html).First(c => c.Contains($"data-cell=\"{noBaseline.Cell}\"", StringComparison.Ordinal));
        Assert.DoesNotContain("trend-fail", plain, StringComparison.Ordinal);
    }

    [Fact]
    public void The_fail_line_sits_at_the_baseline_median_times_one_plus_the_threshold()
    {
        var result = ReportFixture.Result();
        var cell = result.Cells.First(c => c.Status == CellStatus.Compared);
        var lines = TrendThresholds.For(cell, MetricIds.JoulesPerProblem, GatePolicy.Default)!;
        var baseline = cell.Metrics.Single(m => m.Metric == MetricIds.JoulesPerProblem).BaselineMedian;
        Assert.Equal(baseline, lines.Baseline);
        Assert.Equal(baseline * 1.05, lines.Warn, 9);
        Assert.Equal(baseline * 1.10, lines.Fail, 9);
    }

    [Fact]
    public void Without_history_no_trend_is_drawn()
    {
        var result = ReportFixture.Result();
        Assert.DoesNotContain("trend-chart", HtmlReport.Render(ReportModel.For(result)), StringComparison.Ordinal);
        Assert.DoesNotContain("## Trends", MarkdownReport.Render(ReportModel.For(result)), StringComparison.Ordinal);
    }

    [Fact]
    public void The_markdown_report_draws_mermaid_charts_for_flagged_metrics_and_sparklines_for_every_cell()
    {
        var result = ReportFixture.Result();
        var markdown = MarkdownReport.Render(ReportModel.For(result) with { Trend = HistoryFixtures.Trend(result, Recorded) });
        var section = markdown[markdown.IndexOf("## Trends", StringComparison.Ordinal)..];
        var charts = MermaidCharts().Matches(section);
        Assert.InRange(charts.Count, 1, 6);
        foreach (Match chart in charts)
        {
            var points = chart.Groups["line"].Value.Split(", ").Length;
            Assert.Equal(Recorded + 1, points);
            Assert.Equal($"\"run (the last is this run)\" 1 --> {Recorded + 1}", chart.Groups["axis"].Value);
        }
        // The regressed cell (an error) comes first.
        Assert.Contains($"**{GateFixtures.Cell}** `{MetricIds.JoulesPerProblem}`", section[..section.IndexOf("```mermaid", StringComparison.Ordinal)], StringComparison.Ordinal);
        var rows = section.Split('\n').Where(l => l.StartsWith("| ", StringComparison.Ordinal) && l.Contains('`', StringComparison.Ordinal)).ToList();
        Assert.Equal(result.Cells.Count, rows.Count);
        Assert.All(rows, r => Assert.Equal(GatePolicy.Default.GatedMetrics.Count, Sparklines().Count(r)));
        Assert.All(rows, r => Assert.All(Sparklines().Matches(r), s => Assert.Equal(Recorded + 1, s.Groups[1].Value.Length)));
    }

    [Fact]
    public void A_short_history_labels_the_mermaid_axis_with_commits_and_this_run()
    {
        var result = ReportFixture.Result();
        var markdown = MarkdownReport.Render(ReportModel.For(result) with { Trend = HistoryFixtures.Trend(result, 5) });
        var chart = MermaidCharts().Match(markdown);
        Assert.True(chart.Success, markdown);
        Assert.Equal($"[{string.Join(", ", Enumerable.Range(0, 5).Select(i => $"\"{HistoryFixtures.Commit(i)[..7]}\""))}, \"this run\"]", chart.Groups["axis"].Value);
        Assert.Equal(6, chart.Groups["line"].Value.Split(", ").Length);
    }

    [Fact]
    public void Sparklines_scale_from_the_lowest_to_the_highest_run()
    {
        var points = new[] { 1.0, 2, 3, 4, 5, 6, 7, 8 }.Select((v, i) => new TrendPoint($"c{i}", HistoryFixtures.Start, new RunFigure(v, 1), null, MeterKind.Measured, false)).ToList();
        Assert.Equal("▁▂▃▄▅▆▇█", TrendSection.Sparkline(points));
        Assert.Equal("▄▄▄", TrendSection.Sparkline([.. points.Take(3).Select(p => p with { Figure = new RunFigure(2, 1) })]));
    }

    [Fact]
    public void Fifty_cells_with_a_thirty_run_history_stay_under_githubs_comment_limit()
    {
        var result = ReportFixture.Result(extraRegressedCells: 45);
        Assert.Equal(50, result.Cells.Count);
        var markdown = MarkdownReport.Render(ReportModel.For(result) with { Trend = HistoryFixtures.Trend(result, Recorded) });
        Assert.True(markdown.Length < MarkdownReport.GitHubCommentLimit, $"{markdown.Length} characters");
        Assert.Contains("## Trends", markdown, StringComparison.Ordinal);
        Assert.Equal(TrendSection.MostMermaidCharts, MermaidCharts().Count(markdown));
        var section = markdown[markdown.IndexOf("## Trends", StringComparison.Ordinal)..];
        var rows = section.Split('\n').Count(l => l.StartsWith("| ", StringComparison.Ordinal) && Sparklines().IsMatch(l));
        var cut = CutNote().Match(section);
        // Every cell is either in the sparkline table or counted by the note.
        Assert.Equal(50, rows + (cut.Success ? int.Parse(cut.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0));
        Assert.True(rows > 0);
    }

    [Fact]
    public void A_tight_budget_cuts_sparkline_rows_and_says_how_many_cells_are_left()
    {
        var result = ReportFixture.Result(extraRegressedCells: 45);
        var model = ReportModel.For(result) with { Trend = HistoryFixtures.Trend(result, Recorded) };
        var section = TrendSection.Markdown(model, 6_000);
        Assert.True(section.Length <= 6_000, $"{section.Length} characters");
        var cut = CutNote().Match(section);
        Assert.True(cut.Success, section);
        var rows = section.Split('\n').Count(l => l.StartsWith("| ", StringComparison.Ordinal) && Sparklines().IsMatch(l));
        Assert.Equal(50, rows + int.Parse(cut.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void A_missing_or_empty_history_folder_gives_no_trend_and_a_recorded_current_commit_is_not_drawn_twice()
    {
        using var dir = new TempDir();
        var result = ReportFixture.Result();
        Assert.Null(RunTrend.Load(new HistoryStore(dir.File("missing")), result));
        Directory.CreateDirectory(dir.File("empty"));
        Assert.Null(RunTrend.Load(new HistoryStore(dir.File("empty")), result));
        var store = new HistoryStore(dir.File("history"));
        foreach (var entry in HistoryFixtures.Runs(result.Candidate, 3))
        {
            store.Append(entry);
        }
        store.Append(HistoryEntries.From(result.Candidate, result.Verdict));
        var trend = RunTrend.Load(store, result)!;
        Assert.Equal(4, trend.Entries.Count);
        Assert.Equal(result.Candidate.Run.Commit, trend.Current.Commit);
        Assert.Single(trend.Entries, e => e.Commit == result.Candidate.Run.Commit);
        Assert.Equal(2, RunTrend.Load(store, result, last: 1)!.Entries.Count);
    }

    [Fact]
    public void The_history_page_has_a_chart_per_cell_and_gated_metric_and_no_script()
    {
        var result = ReportFixture.Result();
        var runs = HistoryFixtures.Runs(result.Candidate, 12);
        var other = runs.Select(e => e with { MachineClass = "gpu-h100" }).Take(5).ToList();
        var page = HistoryPage.Render([.. runs, .. other], GatePolicy.Default.GatedMetrics, 10, "/data/history");
        var charts = Charts(page);
        var cells = result.Cells.Count;
        Assert.Equal(2 * cells * GatePolicy.Default.GatedMetrics.Count, charts.Count);
        Assert.Equal(cells * 4 * 10 + cells * 4 * 5, charts.Sum(c => Points(c).Count));
        Assert.DoesNotContain("trend-point current", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("http://", page.Replace("http://www.w3.org/2000/svg", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("<h2 id=\"class-gpu-h100\">gpu-h100</h2>", page, StringComparison.Ordinal);
        // Runs recorded as regressions are drawn in the regression colour.
        Assert.Contains(Points(charts[0]), p => p.Contains("fill=\"#d55e00\"", StringComparison.Ordinal));
    }

    [Fact]
    public void An_empty_history_page_says_so()
    {
        var page = HistoryPage.Render([], GatePolicy.Default.GatedMetrics, 10, "/data/history");
        Assert.Contains("No runs recorded yet in /data/history", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<svg", page, StringComparison.Ordinal);
    }

    private static List<string> Charts(string html) => [.. SvgCharts().Matches(html).Select(m => m.Value)];

    private static List<string> Points(string svg) => [.. PointElements().Matches(svg).Select(m => m.Value)];

    [GeneratedRegex("<svg [^>]*class=\"trend-chart\".*?</svg>", RegexOptions.Singleline)]
    private static partial Regex SvgCharts();

    [GeneratedRegex("<circle class=\"trend-point[^\"]*\"[^>]*>")]
    private static partial Regex PointElements();

    [GeneratedRegex("```mermaid\n%%\\{init: [^\n]*\\}%%\nxychart-beta\n.*?    x-axis (?<axis>[^\n]*)\n.*?    line \\[(?<line>[^\\]]*)\\]\n.*?```", RegexOptions.Singleline)]
    private static partial Regex MermaidCharts();

    [GeneratedRegex("`([▁▂▃▄▅▆▇█]+)`")]
    private static partial Regex Sparklines();

    [GeneratedRegex("> (\\d+) more cells: see the HTML report\\.")]
    private static partial Regex CutNote();
}

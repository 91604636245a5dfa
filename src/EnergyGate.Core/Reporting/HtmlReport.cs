using System.Net;
using System.Text;
using EnergyGate.Core.Gating;
using Markdig;

namespace EnergyGate.Core.Reporting;

/// <summary>
/// A standalone HTML page: the Markdown report rendered by Markdig, inline SVG charts per cell, then the
/// waste findings (the suppression study's table, a prefill-amplification chart per cell).
/// </summary>
public static class HtmlReport
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePipeTables().Build();

    /// <summary>The page's CSS, shared with <see cref="HistoryPage"/> so both look the same.</summary>
    internal const string Style = "body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2rem .5rem}";

    /// <summary>Renders the full (untruncated) report with charts.</summary>
    /// <param name="result">The gate's result.</param>
    /// <param name="footprint">kWh/CO2e/cost conversion; null: <see cref="FootprintSettings.Default"/>.</param>
    public static string Render(GateResult result, FootprintSettings? footprint = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        return Render(ReportModel.For(result, footprint));
    }

    /// <summary>Renders the full (untruncated) report with charts and the waste findings.</summary>
    /// <param name="model">The result, footprint settings and waste findings.</param>
    public static string Render(ReportModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var result = model.Result;
        // The waste sections follow the charts here, so the amplification charts sit with their lines;
        // the trends are SVG here, not the Markdown's Mermaid and sparklines.
        var markdown = MarkdownReport.Render(model with { Waste = WasteFindings.None, Trend = null }, int.MaxValue);
        var html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<title>").Append(WebUtility.HtmlEncode(VerdictLine.For(result))).Append("</title>\n")
            .Append("<style>").Append(Style).Append("</style>\n")
            .Append("</head>\n<body>\n")
            .Append(Markdown.ToHtml(markdown, Pipeline))
            .Append("<h2>Charts</h2>\n");
        foreach (var cell in result.Cells)
        {
            html.Append("<section>\n<h3>").Append(WebUtility.HtmlEncode(cell.Cell.ToString())).Append("</h3>\n")
                .Append(SvgCharts.PhaseBars(cell)).Append('\n')
                .Append(SvgCharts.Whiskers(cell, result.Policy)).Append("\n</section>\n");
        }
        html.Append(TrendSection.Html(model));
        html.Append(BatchSweep.Html(result));
        if (WasteSection.StudyMarkdown(model.Waste) is { Length: > 0 } study)
        {
            html.Append(Markdown.ToHtml(study, Pipeline));
        }
        return html.Append(WasteSection.AmplificationHtml(model.Waste)).Append("</body>\n</html>\n").ToString();
    }
}

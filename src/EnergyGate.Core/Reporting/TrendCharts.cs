using System.Net;
using System.Text;
using EnergyGate.Core.Baselines;
using EnergyGate.Core.Gating;

namespace EnergyGate.Core.Reporting;

/// <summary>
/// Hand-written inline SVG of one metric over runs (the HTML report's trends and history.html): each
/// run's median with its interval as whiskers, the current run marked, the gate's baseline, warn and
/// fail lines. Every point is a <c>circle class="trend-point"</c> (<c>trend-point current</c> for the
/// current run), so a check of the rendered page can count them. Colours are SvgCharts' palette.
/// </summary>
internal static class TrendCharts
{
    private const double Width = 700, Height = 262, Left = 74, Right = 540, Top = 30, Bottom = 200;
    private const string RunColor = "#0072b2";
    private const string CurrentColor = "#e69f00";
    private const string RegressionColor = "#d55e00";
    private const int MostAxisLabels = 8;

    /// <summary>The chart, or "" when there is no point.</summary>
    /// <param name="cell">Cell id, for the data attributes and the accessible label.</param>
    /// <param name="metric">Metric id.</param>
    /// <param name="points">Runs, oldest first.</param>
    /// <param name="thresholds">The gate's lines, or null to draw none.</param>
    public static string Svg(string cell, string metric, IReadOnlyList<TrendPoint> points, TrendThresholds? thresholds)
    {
        if (points.Count == 0)
        {
            return "";
        }
        var unit = MetricCatalog.Get(metric).Unit;
        var title = unit.Length > 0 ? $"{metric} ({unit})" : metric;
        var (lo, hi) = Range(points, thresholds);
        double Y(double v) => Bottom - (v - lo) / (hi - lo) * (Bottom - Top);
        double X(int i) => Left + (i + 0.5) * (Right - Left) / points.Count;
        var svg = new StringBuilder(Format.Inv(
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"trend-chart\" data-cell=\"{Attr(cell)}\" data-metric=\"{Attr(metric)}\" width=\"{Width}\" height=\"{Height}\" role=\"img\" aria-label=\"{Attr($"{cell} {title}: {points.Count} runs")}\">"));
        svg.Append(Format.Inv($"<text x=\"{Left}\" y=\"16\" font-size=\"13\" font-weight=\"600\">{Text(title)}</text>"));
        Axes(svg, lo, hi, Y);
        if (thresholds is not null)
        {
            Thresholds(svg, thresholds, unit, Y);
        }
        svg.Append("<polyline class=\"trend-line\" fill=\"none\" stroke=\"#9bbcd6\" stroke-width=\"1.5\" points=\"")
           .AppendJoin(' ', points.Select((p, i) => Format.Inv($"{X(i):0.##},{Y(p.Figure.Median):0.##}")))
           .Append("\"/>");
        for (var i = 0; i < points.Count; i++)
        {
            Point(svg, points[i], unit, X(i), Y);
        }
        XLabels(svg, points, X);
        Legend(svg, points.Any(p => p.IsCurrent), thresholds is not null);
        return svg.Append("</svg>").ToString();
    }

    // The y range holds every median, whisker and line, with a margin; energy never goes below 0.
    private static (double Lo, double Hi) Range(IReadOnlyList<TrendPoint> points, TrendThresholds? thresholds)
    {
        var values = points.SelectMany(p => new[] { p.Figure.Median, p.Figure.Lower ?? p.Figure.Median, p.Figure.Upper ?? p.Figure.Median })
            .Concat(thresholds is null ? [] : [thresholds.Baseline, thresholds.Warn, thresholds.Fail])
            .Where(double.IsFinite).ToList();
        var (min, max) = (values.Min(), values.Max());
        var span = max - min;
        if (span <= 0)
        {
            span = Math.Abs(max) > 0 ? Math.Abs(max) * 0.1 : 1;
        }
        var lo = min - 0.08 * span;
        return (min >= 0 && lo < 0 ? 0 : lo, max + 0.08 * span);
    }

    private static void Axes(StringBuilder svg, double lo, double hi, Func<double, double> y)
    {
        const int ticks = 4;
        for (var t = 0; t <= ticks; t++)
        {
            var value = lo + (hi - lo) * t / ticks;
            var at = y(value);
            svg.Append(Format.Inv($"<line x1=\"{Left}\" y1=\"{at:0.##}\" x2=\"{Right}\" y2=\"{at:0.##}\" stroke=\"#eee\"/>"))
               .Append(Format.Inv($"<text x=\"{Left - 6}\" y=\"{at + 3:0.##}\" font-size=\"10\" text-anchor=\"end\">{Format.Number(value)}</text>"));
        }
        svg.Append(Format.Inv($"<line x1=\"{Left}\" y1=\"{Top}\" x2=\"{Left}\" y2=\"{Bottom}\" stroke=\"#999\"/>"))
           .Append(Format.Inv($"<line x1=\"{Left}\" y1=\"{Bottom}\" x2=\"{Right}\" y2=\"{Bottom}\" stroke=\"#999\"/>"));
    }

    private static void Thresholds(StringBuilder svg, TrendThresholds t, string unit, Func<double, double> y)
    {
        var lines = new[]
        {
            (Class: "trend-baseline", Value: t.Baseline, Color: "#555", Label: $"baseline {Format.Number(t.Baseline)} {unit}".TrimEnd()),
            (Class: "trend-warn", Value: t.Warn, Color: CurrentColor, Label: $"warn {FindingRules.Percent(1 + t.WarnShare)}"),
            (Class: "trend-fail", Value: t.Fail, Color: RegressionColor, Label: $"fail {FindingRules.Percent(1 + t.FailShare)}"),
        };
        // Labels of lines closer than a text line apart are pushed apart so each stays readable.
        var labelY = new Dictionary<string, double>();
        var last = double.NegativeInfinity;
        foreach (var line in lines.OrderBy(l => y(l.Value)))
        {
            var at = Math.Max(y(line.Value) + 3, last + 11);
            labelY[line.Class] = at;
            last = at;
        }
        foreach (var line in lines)
        {
            var at = y(line.Value);
            svg.Append(Format.Inv($"<line class=\"{line.Class}\" x1=\"{Left}\" y1=\"{at:0.##}\" x2=\"{Right}\" y2=\"{at:0.##}\" stroke=\"{line.Color}\" stroke-dasharray=\"6 3\"/>"))
               .Append(Format.Inv($"<text x=\"{Right + 6}\" y=\"{labelY[line.Class]:0.##}\" font-size=\"10\" fill=\"{line.Color}\">{Text(line.Label)}</text>"));
        }
    }

    private static void Point(StringBuilder svg, TrendPoint p, string unit, double x, Func<double, double> y)
    {
        var f = p.Figure;
        // Only regressions stand out: with one stored baseline run most verdicts are inconclusive, and colouring them would colour every point.
        var color = p.IsCurrent ? CurrentColor : p.Verdict == GateVerdict.Regression ? RegressionColor : RunColor;
        if (f.Lower is { } lower && f.Upper is { } upper && double.IsFinite(lower) && double.IsFinite(upper))
        {
            svg.Append(Format.Inv($"<g class=\"trend-whisker\" stroke=\"{color}\" stroke-width=\"1.5\"><line x1=\"{x:0.##}\" y1=\"{y(lower):0.##}\" x2=\"{x:0.##}\" y2=\"{y(upper):0.##}\"/>"))
               .Append(Format.Inv($"<line x1=\"{x - 3:0.##}\" y1=\"{y(lower):0.##}\" x2=\"{x + 3:0.##}\" y2=\"{y(lower):0.##}\"/><line x1=\"{x - 3:0.##}\" y1=\"{y(upper):0.##}\" x2=\"{x + 3:0.##}\" y2=\"{y(upper):0.##}\"/></g>"));
        }
        var (cls, radius, stroke) = p.IsCurrent ? ("trend-point current", 6.5, " stroke=\"#000\" stroke-width=\"1.5\"") : ("trend-point", 3.5, "");
        svg.Append(Format.Inv($"<circle class=\"{cls}\" cx=\"{x:0.##}\" cy=\"{y(f.Median):0.##}\" r=\"{radius}\" fill=\"{color}\"{stroke}><title>{Text(Tooltip(p, unit))}</title></circle>"));
        if (p.IsCurrent)
        {
            var labelY = y(f.Upper is { } u && double.IsFinite(u) ? Math.Max(u, f.Median) : f.Median) - 10;
            svg.Append(Format.Inv($"<text class=\"trend-current-label\" x=\"{Math.Min(x, Right - 20):0.##}\" y=\"{Math.Max(labelY, Top + 10):0.##}\" font-size=\"11\" font-weight=\"600\" text-anchor=\"middle\">this run</text>"));
        }
    }

    private static string Tooltip(TrendPoint p, string unit)
    {
        var f = p.Figure;
        var interval = f.Lower is { } l && f.Upper is { } u
            ? Format.Inv($" [{Format.Number(l)}, {Format.Number(u)}] ({(f.Confidence ?? 0) * 100:0.#}% interval, n={f.N})")
            : "";
        var verdict = p.Verdict is { } v ? $", gate: {v.ToString().ToLowerInvariant()}" : "";
        return Format.Inv($"{(p.IsCurrent ? "this run, " : "")}{p.ShortCommit}, {p.Date:yyyy-MM-dd HH:mm} UTC: {Format.Number(f.Median)} {unit}{interval}{verdict}, {p.MeterKind}");
    }

    // At most MostAxisLabels commits under the axis, counted back from the current run so it is always labelled.
    private static void XLabels(StringBuilder svg, IReadOnlyList<TrendPoint> points, Func<int, double> x)
    {
        var step = (int)Math.Ceiling(points.Count / (double)MostAxisLabels);
        for (var i = points.Count - 1; i >= 0; i -= step)
        {
            var p = points[i];
            svg.Append(Format.Inv($"<text x=\"{x(i):0.##}\" y=\"{Bottom + 14}\" font-size=\"10\" text-anchor=\"middle\" font-family=\"monospace\">{Text(p.ShortCommit)}</text>"))
               .Append(Format.Inv($"<text x=\"{x(i):0.##}\" y=\"{Bottom + 26}\" font-size=\"10\" text-anchor=\"middle\" fill=\"#666\">{p.Date:MM-dd}</text>"));
        }
    }

    private static void Legend(StringBuilder svg, bool hasCurrent, bool withThresholds)
    {
        var y = Height - 10;
        var x = Left;
        void Item(string marker, string text)
        {
            svg.Append(marker.Replace("{X}", Format.Inv($"{x + 6:0.##}"), StringComparison.Ordinal).Replace("{Y}", Format.Inv($"{y - 4}"), StringComparison.Ordinal))
               .Append(Format.Inv($"<text x=\"{x + 16:0.##}\" y=\"{y}\" font-size=\"10\">{Text(text)}</text>"));
            x += 30 + text.Length * 5.2;   // about the width of 10px system-ui text
        }
        Item($"<circle cx=\"{{X}}\" cy=\"{{Y}}\" r=\"3.5\" fill=\"{RunColor}\"/>", "run median, whiskers: its interval");
        Item($"<circle cx=\"{{X}}\" cy=\"{{Y}}\" r=\"3.5\" fill=\"{RegressionColor}\"/>", "gated as regression");
        if (hasCurrent)
        {
            Item($"<circle cx=\"{{X}}\" cy=\"{{Y}}\" r=\"5\" fill=\"{CurrentColor}\" stroke=\"#000\"/>", "this run");
        }
        if (withThresholds)
        {
            Item("<path d=\"M{X} {Y}h-6M{X} {Y}h6\" stroke=\"#555\" stroke-dasharray=\"3 2\"/>", "dashed: baseline, warn, fail");
        }
    }

    private static string Attr(string text) => WebUtility.HtmlEncode(text);

    private static string Text(string text) => WebUtility.HtmlEncode(text);
}

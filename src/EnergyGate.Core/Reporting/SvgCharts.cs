using System.Globalization;
using System.Text;
using EnergyGate.Core.Baselines;
using EnergyGate.Core.Gating;
using EnergyGate.Core.Statistics;

namespace EnergyGate.Core.Reporting;

/// <summary>Hand-written inline SVG for the HTML report; coordinates in InvariantCulture.</summary>
internal static class SvgCharts
{
    private const string PrefillColor = "#e69f00";
    private const string DecodeColor = "#0072b2";

    /// <summary>Two horizontal stacked bars (baseline, current) of median prefill + decode joules.</summary>
    public static string PhaseBars(CellResult cell)
    {
        var bars = new List<(string Label, double Prefill, double Decode)>();
        if (cell.Baseline is { } b && Phases(b.Record.Measurements) is { } bp)
        {
            bars.Add(("baseline", bp.Prefill, bp.Decode));
        }
        if (Phases(cell.Candidate.Measurements) is { } cp)
        {
            bars.Add(("current", cp.Prefill, cp.Decode));
        }
        if (bars.Count == 0)
        {
            return "";
        }
        var max = bars.Max(x => x.Prefill + x.Decode);
        const double width = 360, left = 70;
        var svg = new StringBuilder(Inv($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{left + width + 90}\" height=\"{bars.Count * 30 + 30}\" role=\"img\" aria-label=\"prefill and decode joules\">"));
        for (var i = 0; i < bars.Count; i++)
        {
            var (label, prefill, decode) = bars[i];
            var y = 10 + i * 30;
            var pw = max > 0 ? prefill / max * width : 0;
            var dw = max > 0 ? decode / max * width : 0;
            svg.Append(Inv($"<text x=\"0\" y=\"{y + 15}\" font-size=\"12\">{label}</text>"))
               .Append(Inv($"<rect x=\"{left}\" y=\"{y}\" width=\"{pw:0.##}\" height=\"20\" fill=\"{PrefillColor}\"><title>prefill {Format.Number(prefill)} J</title></rect>"))
               .Append(Inv($"<rect x=\"{left + pw:0.##}\" y=\"{y}\" width=\"{dw:0.##}\" height=\"20\" fill=\"{DecodeColor}\"><title>decode {Format.Number(decode)} J</title></rect>"))
               .Append(Inv($"<text x=\"{left + pw + dw + 4:0.##}\" y=\"{y + 15}\" font-size=\"12\">{Format.Number(prefill + decode)} J</text>"));
        }
        var legendY = bars.Count * 30 + 22;
        svg.Append(Inv($"<rect x=\"{left}\" y=\"{legendY - 9}\" width=\"10\" height=\"10\" fill=\"{PrefillColor}\"/><text x=\"{left + 14}\" y=\"{legendY}\" font-size=\"11\">prefill</text>"))
           .Append(Inv($"<rect x=\"{left + 70}\" y=\"{legendY - 9}\" width=\"10\" height=\"10\" fill=\"{DecodeColor}\"/><text x=\"{left + 84}\" y=\"{legendY}\" font-size=\"11\">decode</text>"));
        return svg.Append("</svg>").ToString();
    }

    /// <summary>Per metric: the change (current vs baseline median) as a dot with its 95% interval as whiskers, on a ±30% axis.</summary>
    public static string Whiskers(CellResult cell, GatePolicy policy)
    {
        if (cell.Metrics.Count == 0)
        {
            return "";
        }
        const double left = 170, width = 300, span = 0.30;
        double X(double ratio) => left + (Math.Clamp(ratio - 1, -span, span) + span) / (2 * span) * width;
        var height = cell.Metrics.Count * 22 + 30;
        var svg = new StringBuilder(Inv($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{left + width + 100}\" height=\"{height}\" role=\"img\" aria-label=\"changes with 95% intervals\">"));
        svg.Append(Inv($"<line x1=\"{X(1):0.##}\" y1=\"0\" x2=\"{X(1):0.##}\" y2=\"{height - 20}\" stroke=\"#999\"/>"))
           .Append(Inv($"<line x1=\"{X(1 + policy.Fail):0.##}\" y1=\"0\" x2=\"{X(1 + policy.Fail):0.##}\" y2=\"{height - 20}\" stroke=\"#d55e00\" stroke-dasharray=\"4 3\"/>"))
           .Append(Inv($"<text x=\"{left}\" y=\"{height - 6}\" font-size=\"11\">-30%</text><text x=\"{X(1) - 4:0.##}\" y=\"{height - 6}\" font-size=\"11\">0</text><text x=\"{left + width - 24}\" y=\"{height - 6}\" font-size=\"11\">+30%</text>"));
        for (var i = 0; i < cell.Metrics.Count; i++)
        {
            var m = cell.Metrics[i];
            var y = 12 + i * 22;
            var color = m.Outcome switch { Outcome.Worse => "#d55e00", Outcome.Better => "#009e73", Outcome.Inconclusive => "#cc79a7", _ => "#555" };
            svg.Append(Inv($"<text x=\"0\" y=\"{y + 4}\" font-size=\"12\">{m.Metric}</text>"));
            if (double.IsFinite(m.Ratio.Lower) && double.IsFinite(m.Ratio.Upper))
            {
                svg.Append(Inv($"<line x1=\"{X(m.Ratio.Lower):0.##}\" y1=\"{y}\" x2=\"{X(m.Ratio.Upper):0.##}\" y2=\"{y}\" stroke=\"{color}\" stroke-width=\"2\"/>"));
            }
            if (double.IsFinite(m.Ratio.Estimate))
            {
                svg.Append(Inv($"<circle cx=\"{X(m.Ratio.Estimate):0.##}\" cy=\"{y}\" r=\"4\" fill=\"{color}\"><title>{m.Metric} {Format.Change(m.Ratio)}</title></circle>"));
            }
            svg.Append(Inv($"<text x=\"{left + width + 8}\" y=\"{y + 4}\" font-size=\"11\">{FindingRules.Percent(m.Ratio.Estimate)}</text>"));
        }
        return svg.Append("</svg>").ToString();
    }

    private static (double Prefill, double Decode)? Phases(CellMeasurements m) =>
        m.Metrics.TryGetValue(MetricIds.PrefillJoules, out var p) && m.Metrics.TryGetValue(MetricIds.DecodeJoules, out var d) && p.Count > 0 && d.Count > 0
            ? (Median.Of(p), Median.Of(d))
            : null;

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

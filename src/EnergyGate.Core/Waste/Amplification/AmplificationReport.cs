using System.Globalization;
using System.Text;
using EnergyGate.Core.Gating;

namespace EnergyGate.Core.Waste.Amplification;

/// <summary>Report pieces for prefill amplification; numbers always in InvariantCulture.</summary>
public static class AmplificationReport
{
    private const string SampleColor = "#0072b2";
    private const string MedianColor = "#e69f00";
    private const string LineColor = "#d55e00";

    /// <summary>
    /// One Markdown line: "Prefill amplification: decode J/token +12.3% [+4.1%, +20.8%] from ~128 to
    /// ~2048 prompt tokens (n = 10, 10, 10; Theil-Sen slope 1.2e-6 J/token per prompt token)".
    /// </summary>
    public static string MarkdownLine(AmplificationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Amplification is not { } ratio)
        {
            return $"Prefill amplification: not enough spread in prompt length ({result.NotEnoughSpread}).";
        }
        var interval = double.IsFinite(ratio.Upper) && ratio.Lower > 0
            ? $" [{FindingRules.Percent(ratio.Lower)}, {FindingRules.Percent(ratio.Upper)}]"
            : " (too few samples per bucket for a 95% interval)";
        var counts = string.Join(", ", result.Buckets.Select(b => b.Count.ToString(CultureInfo.InvariantCulture)));
        var slope = result.Slope is { } fit ? $"; Theil-Sen slope {Scientific(fit.Slope)} J/token per prompt token" : "";
        return $"Prefill amplification: decode J/token {FindingRules.Percent(ratio.Estimate)}{interval} from ~{Tokens(result.Buckets[0])} to ~{Tokens(result.Buckets[^1])} prompt tokens (n = {counts}{slope}).";
    }

    /// <summary>
    /// Inline SVG: the samples as dots, each bucket's median as a bar, and the Theil-Sen line; prompt
    /// tokens on a log axis when they span 4x or more (sweeps double or quadruple the length). Empty
    /// when there is nothing to draw.
    /// </summary>
    /// <param name="result">The analysis of <paramref name="samples"/>.</param>
    /// <param name="samples">The pairs the analysis was given.</param>
    public static string Svg(AmplificationResult result, IReadOnlyList<(int PromptTokens, double DecodeJoulesPerToken)> samples)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(samples);
        var points = samples.Where(s => s.PromptTokens > 0 && double.IsFinite(s.DecodeJoulesPerToken) && s.DecodeJoulesPerToken >= 0).ToList();
        if (points.Count == 0)
        {
            return "";
        }
        const double left = 70, top = 10, width = 380, height = 200;
        var (xMin, xMax) = (points.Min(p => p.PromptTokens), points.Max(p => p.PromptTokens));
        var yMax = points.Max(p => p.DecodeJoulesPerToken) * 1.1;
        var log = xMax >= 4.0 * xMin;
        double Scale(double v) => log ? Math.Log(v) : v;
        double X(double v) => xMax == xMin ? left + width / 2 : left + (Scale(v) - Scale(xMin)) / (Scale(xMax) - Scale(xMin)) * width;
        double Y(double v) => top + height - (yMax > 0 ? Math.Clamp(v / yMax, 0, 1) * height : 0);
        var svg = new StringBuilder(Inv($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{left + width + 20}\" height=\"{top + height + 40}\" role=\"img\" aria-label=\"decode joules per token by prompt length\">"));
        svg.Append(Inv($"<line x1=\"{left}\" y1=\"{top + height}\" x2=\"{left + width}\" y2=\"{top + height}\" stroke=\"#999\"/>"))
           .Append(Inv($"<line x1=\"{left}\" y1=\"{top}\" x2=\"{left}\" y2=\"{top + height}\" stroke=\"#999\"/>"))
           .Append(Inv($"<text x=\"0\" y=\"{top + 10}\" font-size=\"11\">{Scientific(yMax)} J</text><text x=\"0\" y=\"{top + height}\" font-size=\"11\">0 J/token</text>"))
           .Append(Inv($"<text x=\"{left}\" y=\"{top + height + 16}\" font-size=\"11\">{xMin}</text><text x=\"{left + width - 30}\" y=\"{top + height + 16}\" font-size=\"11\">{xMax}</text>"))
           .Append(Inv($"<text x=\"{left + width / 2 - 40}\" y=\"{top + height + 32}\" font-size=\"11\">prompt tokens{(log ? " (log)" : "")}</text>"));
        foreach (var (tokens, joules) in points)
        {
            svg.Append(Inv($"<circle cx=\"{X(tokens):0.##}\" cy=\"{Y(joules):0.##}\" r=\"2.5\" fill=\"{SampleColor}\" fill-opacity=\"0.5\"><title>{tokens} tokens, {Scientific(joules)} J/token</title></circle>"));
        }
        foreach (var b in result.Buckets)
        {
            svg.Append(Inv($"<line x1=\"{X(b.MinPromptTokens) - 6:0.##}\" y1=\"{Y(b.MedianJoulesPerToken):0.##}\" x2=\"{X(b.MaxPromptTokens) + 6:0.##}\" y2=\"{Y(b.MedianJoulesPerToken):0.##}\" stroke=\"{MedianColor}\" stroke-width=\"3\"><title>median {Scientific(b.MedianJoulesPerToken)} J/token at ~{Tokens(b)} tokens (n = {b.Count})</title></line>"));
        }
        if (result.Slope is { } fit && xMax > xMin)
        {
            // A polyline, because the straight fit bends on a log axis.
            var line = string.Join(" ", Enumerable.Range(0, 21)
                .Select(i => log ? Math.Exp(Scale(xMin) + i / 20.0 * (Scale(xMax) - Scale(xMin))) : xMin + i / 20.0 * (xMax - xMin))
                .Select(x => Inv($"{X(x):0.##},{Y(fit.At(x)):0.##}")));
            svg.Append(Inv($"<polyline points=\"{line}\" fill=\"none\" stroke=\"{LineColor}\" stroke-width=\"1.5\"><title>Theil-Sen slope {Scientific(fit.Slope)} J/token per prompt token</title></polyline>"));
        }
        return svg.Append("</svg>").ToString();
    }

    private static string Tokens(PromptBucket bucket) => Math.Round(bucket.MedianPromptTokens).ToString("0", CultureInfo.InvariantCulture);

    private static string Scientific(double value) => value.ToString("0.0#e+0", CultureInfo.InvariantCulture);

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

using System.Net;
using System.Text;
using EnergyGate.Core.Measurement;
using EnergyGate.Core.Waste.Amplification;

namespace EnergyGate.Core.Reporting;

/// <summary>The waste findings as report sections: the suppression study and prefill amplification.</summary>
internal static class WasteSection
{
    /// <summary>The study's table; empty when the run was no study.</summary>
    public static string StudyMarkdown(WasteFindings waste) => SuppressionStudy.Markdown(waste.Study);

    /// <summary>One line per cell with enough spread in prompt length; empty when none has.</summary>
    public static string AmplificationMarkdown(WasteFindings waste)
    {
        var lines = waste.Estimated.Select(a => $"- {a.Cell}: {AmplificationReport.MarkdownLine(a.Analysis)}\n").ToList();
        return lines.Count == 0 ? "" : "\n## Prefill amplification\n\n" + string.Concat(lines);
    }

    /// <summary>Per cell with enough spread, its line and its chart (samples, bucket medians, Theil-Sen line).</summary>
    public static string AmplificationHtml(WasteFindings waste)
    {
        var html = new StringBuilder();
        foreach (var cell in waste.Estimated)
        {
            html.Append("<h3>Prefill amplification: ").Append(WebUtility.HtmlEncode(cell.Cell)).Append("</h3>\n<p>")
                .Append(WebUtility.HtmlEncode(AmplificationReport.MarkdownLine(cell.Analysis))).Append("</p>\n")
                .Append(AmplificationReport.Svg(cell.Analysis, cell.Samples)).Append('\n');
        }
        return html.Length == 0 ? "" : "<h2>Prefill amplification</h2>\n" + html;
    }

    /// <summary>The <c>waste</c> object: every study row, and every cell's amplification (with why not, when not estimated).</summary>
    public static object Json(WasteFindings waste) => new
    {
        SuppressionStudy = waste.Study.Select(r => new
        {
            r.Cell,
            r.Strategy,
            r.Savings.Samples,
            r.Savings.TokensSaved,
            TokensSavedShare = Finite(r.Savings.TokensSavedShare),
            EnergySaved = Finite(r.Savings.EnergySaved),
            EnergySavedLower = Finite(r.Savings.Lower),
            EnergySavedUpper = Finite(r.Savings.Upper),
            OverheadShare = Finite(r.Savings.OverheadShare),
            r.PassOff,
            r.PassOn,
            r.Lost,
            r.Gained,
            AccuracyPValueWorse = Finite(r.AccuracyPValue),
            r.Checks,
            MeanCheckMilliseconds = Finite(r.MeanCheckMilliseconds),
        }),
        Amplification = waste.Amplification.Select(a => new
        {
            a.Cell,
            a.Analysis.Samples,
            a.Analysis.Dropped,
            SlopeJoulesPerTokenPerPromptToken = a.Analysis.Slope is { } fit ? Finite(fit.Slope) : null,
            SlopeLower = a.Analysis.Slope is { } low ? Finite(low.Lower) : null,
            SlopeUpper = a.Analysis.Slope is { } up ? Finite(up.Upper) : null,
            Ratio = a.Analysis.Amplification is { } r ? Finite(r.Estimate) : null,
            RatioLower = a.Analysis.Amplification is { } rl ? Finite(rl.Lower) : null,
            RatioUpper = a.Analysis.Amplification is { } ru ? Finite(ru.Upper) : null,
            ShortestPromptTokens = a.Analysis.Buckets.Count > 0 ? a.Analysis.Buckets[0].MedianPromptTokens : (double?)null,
            LongestPromptTokens = a.Analysis.Buckets.Count > 0 ? a.Analysis.Buckets[^1].MedianPromptTokens : (double?)null,
            a.Analysis.NotEnoughSpread,
        }),
    };

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;
}

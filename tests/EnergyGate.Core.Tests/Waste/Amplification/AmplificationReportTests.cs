using System.Globalization;
using System.Xml.Linq;
using EnergyGate.Core.Waste.Amplification;

namespace EnergyGate.Core.Tests.Waste.Amplification;

public sealed class AmplificationReportTests
{
    [Fact]
    public void The_markdown_line_names_the_change_interval_range_and_slope()
    {
        var line = AmplificationReport.MarkdownLine(PrefillAmplification.Analyze(Synthetic.Sweep(effect: 1.2, perLength: 10, seed: 1)));
        Assert.Matches(
            @"^Prefill amplification: decode J/token \+\d+\.\d% \[\+\d+\.\d%, \+\d+\.\d%\] from ~128 to ~2048 prompt tokens \(n = 10, 10, 10; Theil-Sen slope \d\.\d+e-\d J/token per prompt token\)\.$",
            line);
    }

    [Fact]
    public void The_markdown_line_is_the_same_under_a_comma_decimal_culture()
    {
        var result = PrefillAmplification.Analyze(Synthetic.Sweep(effect: 1.2, perLength: 10, seed: 1));
        var svgSamples = Synthetic.Sweep(effect: 1.2, perLength: 10, seed: 1);
        var original = CultureInfo.CurrentCulture;
        string invariantLine, germanLine, invariantSvg, germanSvg;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
            (invariantLine, invariantSvg) = (AmplificationReport.MarkdownLine(result), AmplificationReport.Svg(result, svgSamples));
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            (germanLine, germanSvg) = (AmplificationReport.MarkdownLine(result), AmplificationReport.Svg(result, svgSamples));
        }
        finally
        {
            CultureInfo.CurrentCulture = original;
        }
        Assert.Equal(invariantLine, germanLine);
        Assert.Equal(invariantSvg, germanSvg);
    }

    [Fact]
    public void Not_enough_spread_is_said_in_words()
    {
        var line = AmplificationReport.MarkdownLine(PrefillAmplification.Analyze([.. Enumerable.Repeat((512, 0.01), 10)]));
        Assert.StartsWith("Prefill amplification: not enough spread in prompt length (", line, StringComparison.Ordinal);
        Assert.DoesNotContain("%", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Buckets_too_small_for_an_interval_say_so_instead_of_printing_infinity()
    {
        var line = AmplificationReport.MarkdownLine(PrefillAmplification.Analyze(Synthetic.Sweep(effect: 1.2, perLength: 3, seed: 4)));
        Assert.Contains("too few samples per bucket for a 95% interval", line, StringComparison.Ordinal);
        Assert.DoesNotContain("∞", line, StringComparison.Ordinal);
    }

    [Fact]
    public void The_svg_is_well_formed_with_a_dot_per_sample_a_bar_per_bucket_and_the_fit()
    {
        var samples = Synthetic.Sweep(effect: 1.2, perLength: 10, seed: 1);
        var svg = XDocument.Parse(AmplificationReport.Svg(PrefillAmplification.Analyze(samples), samples));
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal(ns + "svg", svg.Root!.Name);
        Assert.Equal(30, svg.Descendants(ns + "circle").Count());
        Assert.Equal(3, svg.Descendants(ns + "line").Count(l => (string?)l.Attribute("stroke-width") == "3"));
        Assert.Single(svg.Descendants(ns + "polyline"));
        Assert.Contains("(log)", svg.Root.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void The_svg_of_a_degenerate_input_is_still_well_formed()
    {
        List<(int, double)> one = [.. Enumerable.Repeat((512, 0.01), 4)];
        var svg = XDocument.Parse(AmplificationReport.Svg(PrefillAmplification.Analyze(one), one));
        Assert.DoesNotContain(svg.Descendants(), e => e.Name.LocalName == "polyline");
        Assert.Equal("", AmplificationReport.Svg(PrefillAmplification.Analyze([]), []));
    }
}

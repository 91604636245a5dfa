using System.Globalization;
using EnergyGate.Core.Baselines;
using EnergyGate.Core.Gating;
using EnergyGate.Core.Statistics;

namespace EnergyGate.Core.Reporting;

/// <summary>Number and label formatting shared by the renderers; always InvariantCulture, whatever the machine's culture.</summary>
internal static class Format
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>About four significant digits without exponents for the ranges energy numbers live in.</summary>
    public static string Number(double value)
    {
        if (!double.IsFinite(value))
        {
            return "n/a";
        }
        var magnitude = Math.Abs(value);
        var pattern = magnitude switch
        {
            >= 1000 => "0",
            >= 100 => "0.0",
            >= 1 => "0.00",
            >= 0.01 => "0.0000",
            0 => "0",
            _ => "G4",
        };
        return value.ToString(pattern, Invariant);
    }

    /// <summary>"12.3 J (Measured)" for energy metrics, "250 tokens" for others.</summary>
    public static string Value(double value, MetricDefinition metric, MeterKind? kind)
    {
        var text = metric.Unit.Length == 0 ? Number(value) : $"{Number(value)} {metric.Unit}";
        return metric.IsEnergy && kind is { } k ? $"{text} ({k})" : text;
    }

    /// <summary>The energy kind of <paramref name="metric"/> on one side: its own where recorded, else the machine's.</summary>
    public static MeterKind KindOf(string metric, CellMeasurements measurements, EnvironmentFingerprint fingerprint) =>
        measurements.EnergyKinds.TryGetValue(metric, out var kind) ? kind : fingerprint.MeterKind;

    /// <summary>"+9.8% [+7.0%, +12.9%]".</summary>
    public static string Change(EffectInterval ratio) =>
        double.IsNaN(ratio.Lower) ? FindingRules.Percent(ratio.Estimate) : $"{FindingRules.Percent(ratio.Estimate)} [{FindingRules.Percent(ratio.Lower)}, {FindingRules.Percent(ratio.Upper)}]";

    /// <summary>"Worse, fail", "Inconclusive"...</summary>
    public static string Outcome(MetricComparison c) => c.Outcome == Statistics.Outcome.Worse ? $"Worse, {c.Severity.ToString().ToLowerInvariant()}" : c.Outcome.ToString();

    /// <summary>A share as "61.0%".</summary>
    public static string Percent(double share) => (share * 100).ToString("0.0", Invariant) + "%";

    /// <summary>Percentage points with sign.</summary>
    public static string Points(double points) => points.ToString("+0.0;-0.0;0.0", Invariant) + " pts";

    /// <summary>Invariant string interpolation.</summary>
    public static string Inv(FormattableString text) => text.ToString(Invariant);

    /// <summary>Escapes text for a Markdown table cell.</summary>
    public static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace('\n', ' ');
}

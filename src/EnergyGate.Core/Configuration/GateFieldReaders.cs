using EnergyGate.Core.Configuration.Yaml;

namespace EnergyGate.Core.Configuration;

/// <summary>Value checks used only by the <c>gate:</c> section, kept out of <see cref="NodeReader"/> to keep it general.</summary>
internal static class GateFieldReaders
{
    public const string NonNegativeNumber = "a number of 0 or more";

    public const string Significance = "a significance level greater than 0 and less than 0.5";

    /// <summary>A relative threshold: <c>5%</c> (plain or quoted) or a plain fraction below 1 such as <c>0.05</c>.</summary>
    public static double? Ratio(this NodeReader r, YamlNode node, string path)
    {
        if (node is YamlScalar { IsNull: false } s)
        {
            if (GateValues.TryParsePercent(s.Value, out var fraction))
            {
                return fraction;
            }
            if (s.IsPlain && ValueFormats.TryParseNumber(s.Value, out var value) && double.IsFinite(value))
            {
                if (value < 1)
                {
                    return value;
                }
                r.Error(node, path, $"expected {GateValues.Ratio}, found {node.Describe()}; {GateValues.AmbiguousRatioHint(value)}");
                return null;
            }
        }
        r.Expected(node, path, GateValues.Ratio);
        return null;
    }

    /// <summary>A plain, finite number of 0 or more (absolute floors are in the metric's unit, unbounded).</summary>
    public static double? NonNegative(this NodeReader r, YamlNode node, string path) =>
        Plain(node, v => v >= 0) ?? r.Fail(node, path, NonNegativeNumber);

    /// <summary>A significance level in (0, 0.5), the range <see cref="Gating.GatePolicy.Validate"/> accepts.</summary>
    public static double? Alpha(this NodeReader r, YamlNode node, string path) =>
        Plain(node, v => v is > 0 and < 0.5) ?? r.Fail(node, path, Significance);

    private static double? Plain(YamlNode node, Func<double, bool> accept) =>
        node is YamlScalar { IsPlain: true, IsNull: false } s && ValueFormats.TryParseNumber(s.Value, out var value)
            && double.IsFinite(value) && accept(value) ? value : null;

    private static double? Fail(this NodeReader r, YamlNode node, string path, string expected)
    {
        r.Expected(node, path, expected);
        return null;
    }
}

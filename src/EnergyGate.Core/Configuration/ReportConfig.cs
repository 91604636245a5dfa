using EnergyGate.Core.Configuration.Yaml;
using K = EnergyGate.Core.Configuration.ConfigKeys;

using static EnergyGate.Core.Configuration.NodeReader;

namespace EnergyGate.Core.Configuration;

/// <summary>The footprint conversions of the report, as written in <c>report:</c>.</summary>
public sealed record ReportConfig
{
    /// <summary>Grid carbon intensity in gCO2e/kWh.</summary>
    public double? CarbonIntensity { get; init; }

    /// <summary>Electricity price per kWh, in <see cref="Currency"/>.</summary>
    public double? PricePerKwh { get; init; }

    /// <summary>ISO 4217 currency code of the price.</summary>
    public string? Currency { get; init; }

    /// <summary>Power usage effectiveness of the site.</summary>
    public double? Pue { get; init; }
}

/// <summary>Reads <c>report:</c>, recording errors at their positions.</summary>
internal sealed partial class ReportConfigReader(NodeReader r)
{
    public ReportConfig? Report(YamlNode node, string path)
    {
        var map = r.Mapping(node, path, K.ReportSection);
        if (map is null)
        {
            return null;
        }
        var config = new ReportConfig
        {
            // The highest national grid averages are around 1,000 g; 2,000 leaves room without accepting kg by mistake.
            CarbonIntensity = Optional(map, K.CarbonIntensity, (n, p) => r.Number(n, p, 0, 2_000), path),
            PricePerKwh = Optional(map, K.PricePerKwh, (n, p) => r.Number(n, p, 0, 1_000), path),
            Currency = Optional(map, K.Currency, CurrencyCode, path),
            Pue = Optional(map, K.Pue, (n, p) => r.Number(n, p, 1, 5), path),
        };
        // A price without its currency would print a number nobody can read; a currency alone prices nothing.
        if (config.PricePerKwh is not null && !map.ContainsKey(K.Currency))
        {
            r.Error(map[K.PricePerKwh], Join(path, K.PricePerKwh), "give `currency` with the price, e.g. `currency: EUR`");
        }
        else if (config.Currency is not null && !map.ContainsKey(K.PricePerKwh))
        {
            r.Error(map[K.Currency], Join(path, K.Currency), "applies only with `price-per-kwh`");
        }
        return config;
    }

    private string? CurrencyCode(YamlNode node, string path)
    {
        var text = r.Text(node, path, "an ISO 4217 currency code such as EUR or USD");
        if (text is null || CurrencyPattern().IsMatch(text))
        {
            return text;
        }
        r.Expected(node, path, "an ISO 4217 currency code such as EUR or USD");
        return null;
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Z]{3}$")]
    private static partial System.Text.RegularExpressions.Regex CurrencyPattern();
}

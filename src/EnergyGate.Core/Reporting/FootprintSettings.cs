namespace EnergyGate.Core.Reporting;

/// <summary>
/// How the report turns joules into kWh, CO2e and money (<c>report:</c> in energygate.yml). Shown,
/// never gated: the gate stays on joules.
/// </summary>
/// <param name="CarbonIntensity">Grid carbon intensity in gCO2e per kWh.</param>
/// <param name="CarbonSource">Where <paramref name="CarbonIntensity"/> comes from, printed with it.</param>
/// <param name="Pue">Power usage effectiveness of the site: facility energy / IT energy, at least 1.</param>
/// <param name="PricePerKwh">Electricity price per kWh; null leaves money out.</param>
/// <param name="Currency">ISO 4217 code of <paramref name="PricePerKwh"/>, e.g. <c>EUR</c>.</param>
public sealed record FootprintSettings(double CarbonIntensity, string CarbonSource, double Pue, double? PricePerKwh, string? Currency)
{
    /// <summary>
    /// World-average carbon intensity of electricity generation in 2023, 480 gCO2e/kWh, as published
    /// by Ember (Global Electricity Review 2024). A default so the line is never empty; a site's own
    /// grid figure is better and belongs in <c>report.carbon-intensity</c>.
    /// </summary>
    public const double WorldAverageIntensity = 480;

    /// <summary>The source sentence of <see cref="WorldAverageIntensity"/>.</summary>
    public const string WorldAverageSource = "world average 2023, Ember Global Electricity Review 2024";

    /// <summary>Defaults: world-average grid, PUE 1.0, no price.</summary>
    public static FootprintSettings Default { get; } = new(WorldAverageIntensity, WorldAverageSource, 1.0, null, null);

    /// <summary>Resolves the file's <c>report:</c> section over <see cref="Default"/>.</summary>
    public static FootprintSettings Resolve(Configuration.ReportConfig? file) => file is null
        ? Default
        : new FootprintSettings(
            file.CarbonIntensity ?? Default.CarbonIntensity,
            file.CarbonIntensity is null ? Default.CarbonSource : "configured in report.carbon-intensity",
            file.Pue ?? Default.Pue,
            file.PricePerKwh,
            file.Currency);
}

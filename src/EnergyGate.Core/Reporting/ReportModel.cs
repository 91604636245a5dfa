using EnergyGate.Core.Gating;

namespace EnergyGate.Core.Reporting;

/// <summary>Everything the Markdown, HTML and JSON reports render, built once per command.</summary>
/// <param name="Result">The gate's result.</param>
/// <param name="Footprint">kWh/CO2e/cost conversion.</param>
/// <param name="Waste">Suppression study and prefill amplification from the candidate's records.</param>
public sealed record ReportModel(GateResult Result, FootprintSettings Footprint, WasteFindings Waste)
{
    /// <summary>The candidate machine class's recorded runs with this run last (<c>--history</c>); null draws no trends.</summary>
    public History.RunTrend? Trend { get; init; }

    /// <summary>A model without waste findings, for a result alone.</summary>
    public static ReportModel For(GateResult result, FootprintSettings? footprint = null) =>
        new(result, footprint ?? FootprintSettings.Default, WasteFindings.None);
}

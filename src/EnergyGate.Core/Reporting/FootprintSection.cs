using System.Text;
using EnergyGate.Core.Baselines;
using EnergyGate.Core.Gating;
using EnergyGate.Core.Statistics;

namespace EnergyGate.Core.Reporting;

/// <summary>kWh, CO2e and money for an amount of energy; carries the energy's kind so an estimate stays one.</summary>
/// <param name="Kwh">Facility energy: joules x PUE / 3.6e6.</param>
/// <param name="GramsCo2e">Kwh x grid carbon intensity.</param>
/// <param name="Cost">Kwh x price, in the configured currency; null without a price.</param>
public sealed record Footprint(double Kwh, double GramsCo2e, double? Cost)
{
    /// <summary>Joules in one kilowatt-hour.</summary>
    public const double JoulesPerKwh = 3_600_000;

    /// <summary>Converts IT energy in joules to facility kWh, gCO2e and cost.</summary>
    public static Footprint Of(double joules, FootprintSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var kwh = joules * settings.Pue / JoulesPerKwh;
        return new Footprint(kwh, kwh * settings.CarbonIntensity, settings.PricePerKwh is { } price ? kwh * price : null);
    }
}

/// <summary>
/// One cell's footprint: energy per 1,000 problems and per million generated tokens, from the
/// candidate's medians. Tokens are generated tokens and the joules are whole problems (prefill included).
/// </summary>
/// <param name="Cell">The cell.</param>
/// <param name="Kind">Energy kind of <c>joules_per_problem</c>.</param>
/// <param name="PerThousandProblems">Footprint of 1,000 problems.</param>
/// <param name="PerMillionTokens">Footprint of 1,000,000 generated tokens; null when no tokens were generated.</param>
public sealed record CellFootprint(CellKey Cell, MeterKind Kind, Footprint PerThousandProblems, Footprint? PerMillionTokens);

/// <summary>The report's footprint section (Markdown and JSON); shown next to joules, never gated.</summary>
public static class FootprintSection
{
    /// <summary>Footprints of every cell whose candidate has energy per problem, in the result's cell order.</summary>
    public static IReadOnlyList<CellFootprint> Cells(GateResult result, FootprintSettings settings)
    {
        ArgumentNullException.ThrowIfNull(result);
        var list = new List<CellFootprint>();
        foreach (var cell in result.Cells)
        {
            var m = cell.Candidate.Measurements;
            if (!m.Metrics.TryGetValue(MetricIds.JoulesPerProblem, out var perProblem) || perProblem.Count == 0)
            {
                continue;
            }
            var joules = Median.Of(perProblem);
            var tokens = m.Metrics.TryGetValue(MetricIds.GeneratedTokens, out var t) && t.Count > 0 ? Median.Of(t) : 0;
            list.Add(new CellFootprint(cell.Cell, Format.KindOf(MetricIds.JoulesPerProblem, m, result.Candidate.Fingerprint),
                Footprint.Of(joules * 1_000, settings),
                tokens > 0 ? Footprint.Of(joules / tokens * 1_000_000, settings) : null));
        }
        return list;
    }

    /// <summary>The Markdown table with the conversion's inputs named; empty when no cell has energy.</summary>
    public static string Markdown(GateResult result, FootprintSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var cells = Cells(result, settings);
        if (cells.Count == 0)
        {
            return "";
        }
        var money = settings.Currency is { } c && settings.PricePerKwh is not null ? c : null;
        var text = new StringBuilder("### Footprint\n\n");
        text.Append(Format.Inv($"Current medians converted at PUE {settings.Pue:0.0#}, {settings.CarbonIntensity:0.##} gCO2e/kWh ({settings.CarbonSource})"))
            .Append(money is null ? "; no price set (report.price-per-kwh)" : Format.Inv($", {settings.PricePerKwh:0.####} {money}/kWh"))
            .Append(". Per million generated tokens counts whole-problem energy, prefill included. CO2e and cost carry the energy's kind; the gate judges joules.\n\n");
        var moneyHead = money is null ? "" : $" {money} |";
        text.Append(Format.Inv($"| Cell | per 1,000 problems | gCO2e |{moneyHead} per 1M tokens | gCO2e |{moneyHead}\n"))
            .Append(money is null ? "|---|---:|---:|---:|---:|\n" : "|---|---:|---:|---:|---:|---:|---:|\n");
        foreach (var f in cells)
        {
            var problems = f.PerThousandProblems;
            text.Append(Format.Inv($"| {Format.Cell(f.Cell.ToString())} | {Format.Number(problems.Kwh * 1_000)} Wh ({f.Kind}) | {Format.Number(problems.GramsCo2e)} g |{Money(problems, money)}"));
            text.Append(f.PerMillionTokens is { } tokens
                ? Format.Inv($" {Format.Number(tokens.Kwh)} kWh ({f.Kind}) | {Format.Number(tokens.GramsCo2e)} g |{Money(tokens, money)}\n")
                : money is null ? " - | - |\n" : " - | - | - |\n");
        }
        return text.Append('\n').ToString();
    }

    /// <summary>The same figures for the JSON report, with the conversion's inputs.</summary>
    public static object Json(GateResult result, FootprintSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new
        {
            CarbonIntensityGPerKwh = settings.CarbonIntensity,
            CarbonIntensitySource = settings.CarbonSource,
            settings.Pue,
            settings.PricePerKwh,
            settings.Currency,
            Cells = Cells(result, settings).Select(f => new
            {
                Cell = f.Cell.ToString(),
                EnergyKind = f.Kind,
                PerThousandProblems = Figures(f.PerThousandProblems),
                PerMillionTokens = f.PerMillionTokens is { } t ? Figures(t) : null,
            }),
        };
    }

    private static object Figures(Footprint f) => new { Wh = f.Kwh * 1_000, f.Kwh, GCo2e = f.GramsCo2e, f.Cost };

    private static string Money(Footprint f, string? currency) =>
        currency is null ? "" : Format.Inv($" {Format.Number(f.Cost ?? double.NaN)} |");
}

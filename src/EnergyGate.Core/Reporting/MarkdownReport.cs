using System.Text;
using EnergyGate.Core.Gating;

namespace EnergyGate.Core.Reporting;

/// <summary>
/// The pull-request comment (GitHub-flavoured Markdown): the verdict line, a table of only the flagged
/// rows, runtimes side by side (when a suite and model ran on several), one collapsed section per cell,
/// the environment, and the waste findings (suppression study, prefill amplification). Numbers use InvariantCulture.
/// </summary>
public static class MarkdownReport
{
    /// <summary>GitHub rejects issue and pull-request comments longer than this many characters.</summary>
    public const int GitHubCommentLimit = 65_536;

    /// <summary>Room kept for the note on omitted waste sections (its longest form is under 200 characters).</summary>
    private const int WasteNoteRoom = 200;

    private static readonly string[] WasteNames = ["babbling suppression study", "prefill amplification section"];

    /// <summary>Renders the report, dropping per-cell details (with a visible note) to stay under <paramref name="maxLength"/>.</summary>
    /// <param name="result">The gate's result.</param>
    /// <param name="maxLength">Most characters; GitHub's comment limit by default.</param>
    /// <param name="footprint">kWh/CO2e/cost conversion; null: <see cref="FootprintSettings.Default"/>.</param>
    public static string Render(GateResult result, int maxLength = GitHubCommentLimit, FootprintSettings? footprint = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        return Render(ReportModel.For(result, footprint), maxLength);
    }

    /// <summary>
    /// Renders the report with its waste sections, dropping per-cell details first and then the waste
    /// sections (each with a visible note) to stay under <paramref name="maxLength"/>.
    /// </summary>
    /// <param name="model">The result, footprint settings and waste findings.</param>
    /// <param name="maxLength">Most characters; GitHub's comment limit by default.</param>
    public static string Render(ReportModel model, int maxLength = GitHubCommentLimit)
    {
        ArgumentNullException.ThrowIfNull(model);
        var (result, footprint) = (model.Result, model.Footprint);
        var head = new StringBuilder().Append(VerdictLine.For(result)).Append("\n\n").Append(ChangesSection.Markdown(result)).Append(PinningSection.Markdown(result));
        var rows = FlaggedRows.For(result);
        var environment = CellDetails.Environment(result);
        var details = result.Cells.Select(c => CellDetails.Render(c, result)).ToList();
        // Room for the truncation notes, whose numbers are not known yet.
        var budget = maxLength - head.Length - environment.Length - 400;
        var waste = new[] { WasteSection.StudyMarkdown(model.Waste), WasteSection.AmplificationMarkdown(model.Waste) };
        if (waste.Any(w => w.Length > 0))
        {
            budget -= WasteNoteRoom;
        }

        var table = FlaggedRows.Table(rows);
        var keptRows = rows.Count;
        while (table.Length > budget && keptRows > 0)
        {
            keptRows = Math.Max(0, keptRows - Math.Max(1, keptRows / 10));
            table = FlaggedRows.Table(rows.Take(keptRows).ToList());
        }
        var body = new StringBuilder(table);
        if (keptRows < rows.Count)
        {
            body.Append(Format.Inv($"> {rows.Count - keptRows} more flagged rows omitted to stay under GitHub's {GitHubCommentLimit:N0}-character comment limit; see the JSON or HTML report.\n\n"));
        }
        body.Append(BudgetSection.Markdown(result, budget - body.Length));
        // Small (a row per runtime), and what a runtime comparison is run for: kept whenever it fits.
        var sideBySide = RuntimeComparison.Render(result) + BatchSweep.Markdown(result);
        if (body.Length + sideBySide.Length <= budget)
        {
            body.Append(sideBySide);
        }
        var footprintSection = FootprintSection.Markdown(result, footprint);
        body.Append(body.Length + footprintSection.Length <= budget ? footprintSection : "");
        body.Append(NoiseSection.Markdown(result));
        body.Append(WorkSection.Fitting(result, budget - body.Length));
        body.Append(TrendSection.Markdown(model, budget - body.Length));
        // Findings of the whole run, so they outrank the per-cell details; written after the
        // environment, where they have always been, but counted against the same budget.
        var keptWaste = new StringBuilder();
        var droppedWaste = new List<string>();
        foreach (var (section, name) in waste.Zip(WasteNames))
        {
            if (section.Length > 0 && body.Length + keptWaste.Length + section.Length <= budget)
            {
                keptWaste.Append(section);
            }
            else if (section.Length > 0)
            {
                droppedWaste.Add(name);
            }
        }
        var keptDetails = 0;
        foreach (var section in details)
        {
            if (body.Length + keptWaste.Length + section.Length > budget)
            {
                break;
            }
            body.Append(section);
            keptDetails++;
        }
        if (keptDetails < details.Count)
        {
            body.Append(Format.Inv($"> Details of {details.Count - keptDetails} of {details.Count} cells omitted to stay under GitHub's {GitHubCommentLimit:N0}-character comment limit; see the JSON or HTML report.\n\n"));
        }
        if (droppedWaste.Count > 0)
        {
            body.Append(Format.Inv($"> The {string.Join(" and the ", droppedWaste)} {(droppedWaste.Count == 1 ? "was" : "were")} omitted to stay under GitHub's {GitHubCommentLimit:N0}-character comment limit; see the JSON or HTML report.\n\n"));
        }
        return head.Append(body).Append(environment).Append(keptWaste).ToString();
    }
}

using System.Text;
using EnergyGate.Core.Gating;

namespace EnergyGate.Core.Reporting;

/// <summary>
/// The pull-request comment (GitHub-flavoured Markdown): the verdict line, a table of only the flagged
/// rows, runtimes side by side (when a suite and model ran on several), one collapsed section per cell
/// and the environment. Numbers use InvariantCulture.
/// </summary>
public static class MarkdownReport
{
    /// <summary>GitHub rejects issue and pull-request comments longer than this many characters.</summary>
    public const int GitHubCommentLimit = 65_536;

    /// <summary>Renders the report, dropping per-cell details (with a visible note) to stay under <paramref name="maxLength"/>.</summary>
    /// <param name="result">The gate's result.</param>
    /// <param name="maxLength">Most characters; GitHub's comment limit by default.</param>
    /// <param name="footprint">kWh/CO2e/cost conversion; null: <see cref="FootprintSettings.Default"/>.</param>
    public static string Render(GateResult result, int maxLength = GitHubCommentLimit, FootprintSettings? footprint = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        var head = new StringBuilder().Append(VerdictLine.For(result)).Append("\n\n");
        var rows = FlaggedRows.For(result);
        var environment = CellDetails.Environment(result);
        var details = result.Cells.Select(c => CellDetails.Render(c, result)).ToList();
        // Room for the truncation notes, whose numbers are not known yet.
        var budget = maxLength - head.Length - environment.Length - 400;

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
        // Small (a row per runtime), and what a runtime comparison is run for: kept whenever it fits.
        var sideBySide = RuntimeComparison.Render(result);
        if (body.Length + sideBySide.Length <= budget)
        {
            body.Append(sideBySide);
        }
        var footprintSection = FootprintSection.Markdown(result, footprint ?? FootprintSettings.Default);
        body.Append(body.Length + footprintSection.Length <= budget ? footprintSection : "");
        body.Append(NoiseSection.Markdown(result));
        body.Append(WorkSection.Fitting(result, budget - body.Length));
        var keptDetails = 0;
        foreach (var section in details)
        {
            if (body.Length + section.Length > budget)
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
        return head.Append(body).Append(environment).ToString();
    }
}

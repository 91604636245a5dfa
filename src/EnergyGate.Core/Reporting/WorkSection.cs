using System.Text;
using EnergyGate.Core.Gating;

namespace EnergyGate.Core.Reporting;

/// <summary>
/// "Energy and work": per cell the exact work per phase and, next to each energy change, the change in
/// work and in energy per unit of work, so a reviewer sees whether the code asked for more work or the
/// same work cost more energy. Numbers use InvariantCulture.
/// </summary>
internal static class WorkSection
{
    /// <summary>The Markdown section, or an empty string when no cell of this run has work metrics.</summary>
    public static string Render(GateResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var rows = WorkRows.For(result);
        if (rows.All(r => r.Candidate is null))
        {
            return "";
        }
        var text = new StringBuilder("### Energy and work\n\n");
        text.Append("Work is counted exactly from the model's shape and the tokens; each energy change (medians, baseline -> current) splits into a change in work and a change in energy per unit of work.\n\n");
        foreach (var row in rows)
        {
            text.Append(Format.Inv($"**{Format.Cell(row.Cell.ToString())}**"));
            if (row.Candidate is not { } current)
            {
                text.Append(Format.Inv($": {row.Note}\n\n"));
                continue;
            }
            text.Append(Format.Inv($"\n\n- Work: prefill {Pair(row.Baseline?.PrefillFlops, current.PrefillFlops, 1e9)} GFLOP, decode {Pair(row.Baseline?.DecodeFlops, current.DecodeFlops, 1e9)} GFLOP per problem"));
            if (current.DecodeBytesPerToken is { } bytes)
            {
                text.Append(Format.Inv($"; {Pair(row.Baseline?.DecodeBytesPerToken, bytes, 1e6)} MB per decoded token"));
            }
            text.Append('\n');
            foreach (var c in row.Changes)
            {
                text.Append(Format.Inv($"- {c.EnergyLabel} {FindingRules.Percent(c.Energy)}; {c.WorkLabel} {FindingRules.Percent(c.Work)}; {c.PerUnitLabel} {FindingRules.Percent(c.PerUnit)}: {c.Reading}\n"));
            }
            if (row.Note is { } note)
            {
                text.Append(Format.Inv($"- {note}\n"));
            }
            text.Append('\n');
        }
        return text.ToString();
    }

    /// <summary>The section when it fits in <paramref name="room"/> characters, else a one-line note pointing to the other reports.</summary>
    public static string Fitting(GateResult result, int room)
    {
        var section = Render(result);
        return section.Length == 0 || section.Length <= room ? section
            : Format.Inv($"> The energy and work section was omitted to stay under GitHub's {MarkdownReport.GitHubCommentLimit:N0}-character comment limit; see the JSON or HTML report.\n\n");
    }

    /// <summary>The rows for the JSON report: GFLOP and MB per side, ratios (1 = unchanged) and the reading.</summary>
    public static IEnumerable<object> Json(GateResult result) => WorkRows.For(result).Select(r => new
    {
        Cell = r.Cell.ToString(),
        Baseline = Side(r.Baseline),
        Candidate = Side(r.Candidate),
        Changes = r.Changes.Select(c => new
        {
            Energy = c.EnergyLabel,
            Work = c.WorkLabel,
            PerUnit = c.PerUnitLabel,
            EnergyRatio = c.Energy,
            WorkRatio = c.Work,
            PerUnitRatio = c.PerUnit,
            c.Reading,
        }),
        r.Note,
    });

    private static object? Side(PhaseWork? work) => work is null ? null : new
    {
        PrefillGflopPerProblem = work.PrefillFlops / 1e9,
        DecodeGflopPerProblem = work.DecodeFlops / 1e9,
        DecodeMbPerToken = work.DecodeBytesPerToken / 1e6,
    };

    // "1.20 -> 1.34" with a baseline, else the current value alone.
    private static string Pair(double? before, double after, double scale) =>
        before is { } b ? $"{Format.Number(b / scale)} -> {Format.Number(after / scale)}" : Format.Number(after / scale);
}

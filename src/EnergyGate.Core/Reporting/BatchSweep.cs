using System.Net;
using System.Text;
using EnergyGate.Core.Baselines;
using EnergyGate.Core.Gating;
using EnergyGate.Core.Generation.Batching;
using EnergyGate.Core.Measurement;
using EnergyGate.Core.Statistics;

namespace EnergyGate.Core.Reporting;

/// <summary>
/// "Batch sizes side by side": for every suite, model, runtime and provider measured at more than one
/// batch size, decode J/token, one sequence's tokens/s, the batch's tokens/s and TTFT per batch size
/// (medians of this run), with J/token relative to the smallest batch, as a table and a chart. This
/// is the question batching answers: how far the energy of a token falls as sequences share passes.
/// </summary>
internal static class BatchSweep
{
    /// <summary>One batch size's medians.</summary>
    public sealed record Row(BatchOptions Batch, CellResult Cell, double? JoulesPerToken, double? TokensPerSecond, double? BatchTokensPerSecond, double? Ttft, double? JoulesPerProblem);

    /// <summary>One runtime's sweep.</summary>
    public sealed record Group(string Suite, string Model, string Runtime, string Provider, IReadOnlyList<Row> Rows);

    /// <summary>Every cell group with two or more batch sizes, rows by increasing batch size.</summary>
    public static IReadOnlyList<Group> Groups(GateResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return [.. result.Cells
            .Select(c => (Cell: c, Split: RunCell.SplitBatch(c.Cell.Runtime)))
            .GroupBy(x => (x.Cell.Cell.Suite, x.Cell.Cell.Model, x.Split.Runtime, x.Cell.Cell.Provider))
            .Where(g => g.Select(x => x.Split.Batch).Distinct().Count() > 1)
            .Select(g => new Group(g.Key.Suite, g.Key.Model, g.Key.Runtime, g.Key.Provider,
                [.. g.OrderBy(x => x.Split.Batch.BatchSize).ThenBy(x => x.Split.Batch.Continuous).Select(x => RowOf(x.Split.Batch, x.Cell))]))];
    }

    /// <summary>The Markdown section with a Mermaid chart GitHub renders; empty when no cell ran at two batch sizes.</summary>
    public static string Markdown(GateResult result)
    {
        var groups = Groups(result);
        if (groups.Count == 0)
        {
            return "";
        }
        var text = new StringBuilder("### Batch sizes side by side\n\n");
        foreach (var g in groups)
        {
            var reference = g.Rows[0];
            text.Append(Format.Inv($"**{Format.Cell(g.Suite)} / {Format.Cell(g.Model)} / {Format.Cell(g.Runtime)}/{Format.Cell(g.Provider)}** (medians of this run; the batch's tokens/s is one sequence's rate times the batch's mean occupancy)\n\n"));
            text.Append("| Batch | Decode J/token | J/problem | Tokens/s per sequence | Tokens/s of the batch | TTFT | J/token vs ").Append(Label(reference.Batch)).Append(" |\n");
            text.Append("|---|---:|---:|---:|---:|---:|---:|\n");
            foreach (var row in g.Rows)
            {
                text.Append("| ").Append(Label(row.Batch))
                    .Append(" | ").Append(Value(row.JoulesPerToken, MetricIds.DecodeJoulesPerToken, row.Cell, result))
                    .Append(" | ").Append(Value(row.JoulesPerProblem, MetricIds.JoulesPerProblem, row.Cell, result))
                    .Append(" | ").Append(Value(row.TokensPerSecond, MetricIds.TokensPerSecond, row.Cell, result))
                    .Append(" | ").Append(Value(row.BatchTokensPerSecond ?? (row.Batch.BatchSize == 1 ? row.TokensPerSecond : null), MetricIds.BatchTokensPerSecond, row.Cell, result))
                    .Append(" | ").Append(Value(row.Ttft, MetricIds.TtftSeconds, row.Cell, result))
                    .Append(" | ").Append(row.JoulesPerToken is { } j && reference.JoulesPerToken is { } r && r > 0 ? Format.Inv($"{j / r:0.00}x") : "-")
                    .Append(" |\n");
            }
            text.Append('\n').Append(Mermaid(g)).Append('\n');
        }
        return text.ToString();
    }

    /// <summary>The section's charts as inline SVG for the HTML report: J/token bars per batch size.</summary>
    public static string Html(GateResult result)
    {
        var html = new StringBuilder();
        foreach (var g in Groups(result))
        {
            html.Append("<h3>Decode J/token by batch size: ").Append(WebUtility.HtmlEncode($"{g.Suite} / {g.Model} / {g.Runtime}/{g.Provider}")).Append("</h3>\n")
                .Append(Svg(g)).Append('\n');
        }
        return html.ToString();
    }

    /// <summary>The <c>batching</c> object of the JSON report.</summary>
    public static object Json(GateResult result) => Groups(result).Select(g => new
    {
        g.Suite,
        g.Model,
        g.Runtime,
        g.Provider,
        Rows = g.Rows.Select(r => new
        {
            r.Batch.BatchSize,
            r.Batch.Continuous,
            Cell = r.Cell.Cell.ToString(),
            DecodeJoulesPerToken = r.JoulesPerToken,
            JoulesPerProblem = r.JoulesPerProblem,
            TokensPerSecond = r.TokensPerSecond,
            BatchTokensPerSecond = r.BatchTokensPerSecond,
            TtftSeconds = r.Ttft,
        }),
    }).ToList();

    private static Row RowOf(BatchOptions batch, CellResult cell)
    {
        var m = cell.Candidate.Measurements.Metrics;
        double? Med(string id) => m.TryGetValue(id, out var values) && values.Count > 0 ? Median.Of(values) : null;
        return new Row(batch, cell, Med(MetricIds.DecodeJoulesPerToken), Med(MetricIds.TokensPerSecond), Med(MetricIds.BatchTokensPerSecond), Med(MetricIds.TtftSeconds), Med(MetricIds.JoulesPerProblem));
    }

    private static string Label(BatchOptions batch) =>
        batch.BatchSize == 1 ? "1" : Format.Inv($"{batch.BatchSize}{(batch.Continuous ? " (continuous)" : " (static)")}");

    private static string Value(double? value, string metric, CellResult cell, GateResult result) =>
        value is { } v ? Format.Value(v, MetricCatalog.Get(metric), Format.KindOf(metric, cell.Candidate.Measurements, result.Candidate.Fingerprint)) : "-";

    /// <summary>A Mermaid xychart (GitHub renders it in comments): decode mJ/token per batch size.</summary>
    private static string Mermaid(Group g)
    {
        var rows = g.Rows.Where(r => r.JoulesPerToken is not null).ToList();
        if (rows.Count < 2)
        {
            return "";
        }
        var text = new StringBuilder("```mermaid\nxychart-beta\n");
        text.Append("    title \"Decode mJ/token by batch size\"\n");
        text.Append("    x-axis [").Append(string.Join(", ", rows.Select(r => Format.Inv($"\"{r.Batch.BatchSize}{(r.Batch.BatchSize > 1 && !r.Batch.Continuous ? " static" : "")}\"")))).Append("]\n");
        text.Append("    y-axis \"mJ/token\"\n");
        text.Append("    bar [").Append(string.Join(", ", rows.Select(r => Format.Inv($"{r.JoulesPerToken!.Value * 1000:0.####}")))).Append("]\n");
        return text.Append("```\n").ToString();
    }

    private static string Svg(Group g)
    {
        var rows = g.Rows.Where(r => r.JoulesPerToken is not null).ToList();
        if (rows.Count == 0)
        {
            return "";
        }
        var max = rows.Max(r => r.JoulesPerToken!.Value);
        const double barWidth = 60, gap = 20, height = 160, top = 20;
        var svg = new StringBuilder(Format.Inv($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{rows.Count * (barWidth + gap) + gap}\" height=\"{height + 60}\" role=\"img\" aria-label=\"decode joules per token by batch size\">"));
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            var h = max > 0 ? r.JoulesPerToken!.Value / max * height : 0;
            var x = gap + i * (barWidth + gap);
            svg.Append(Format.Inv($"<rect x=\"{x}\" y=\"{top + height - h:0.##}\" width=\"{barWidth}\" height=\"{h:0.##}\" fill=\"#0072b2\"><title>{Format.Number(r.JoulesPerToken!.Value)} J/token</title></rect>"))
               .Append(Format.Inv($"<text x=\"{x}\" y=\"{top + height - h - 4:0.##}\" font-size=\"11\">{r.JoulesPerToken!.Value * 1000:0.###} mJ</text>"))
               .Append(Format.Inv($"<text x=\"{x}\" y=\"{top + height + 16}\" font-size=\"12\">batch {WebUtility.HtmlEncode(Label(r.Batch))}</text>"));
            if ((r.BatchTokensPerSecond ?? r.TokensPerSecond) is { } rate)
            {
                svg.Append(Format.Inv($"<text x=\"{x}\" y=\"{top + height + 32}\" font-size=\"11\">{rate:0} tok/s</text>"));
            }
        }
        return svg.Append("</svg>").ToString();
    }
}

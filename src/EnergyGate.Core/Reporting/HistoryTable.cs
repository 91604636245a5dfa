using System.Text;
using System.Text.Json;
using EnergyGate.Core.Baselines;
using EnergyGate.Core.Gating;
using EnergyGate.Core.History;

namespace EnergyGate.Core.Reporting;

/// <summary>What <c>history show</c> prints: per machine class and cell a table of runs (date, commit, verdict, each metric's median [interval]), or the entries as JSON.</summary>
public static class HistoryTable
{
    private static readonly JsonSerializerOptions Indented = new(HistoryJson.Options) { WriteIndented = true };

    /// <summary>The entries narrowed to the cells matching <paramref name="cellPattern"/> and, when <paramref name="metrics"/> is given, to those metrics.</summary>
    /// <param name="entries">Runs, each machine class oldest first.</param>
    /// <param name="cellPattern">A cell pattern (<c>suite/model/runtime/provider</c>, parts may be <c>*</c>), or null for all.</param>
    /// <param name="metrics">Metric ids to keep, or null for all figures.</param>
    public static IReadOnlyList<HistoryEntry> Select(IReadOnlyList<HistoryEntry> entries, string? cellPattern, IReadOnlyList<string>? metrics)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return [.. entries.Select(e => e with
        {
            Cells = e.Cells.Where(c => cellPattern is null || CellPattern.Matches(cellPattern, CellKey.Parse(c.Key)))
                .ToDictionary(c => c.Key, c => metrics is null ? c.Value : Only(c.Value, metrics), StringComparer.Ordinal),
        }).Where(e => e.Cells.Count > 0)];
    }

    /// <summary>The entries as an indented JSON array, in the store's own format.</summary>
    public static string Json(IReadOnlyList<HistoryEntry> entries) => JsonSerializer.Serialize(entries, Indented);

    /// <summary>The readable tables: a block per machine class (the last <paramref name="last"/> runs), a table per cell.</summary>
    /// <param name="entries">Runs already narrowed by <see cref="Select"/>.</param>
    /// <param name="metrics">The metric columns.</param>
    /// <param name="last">Most recent runs per machine class.</param>
    public static string Text(IReadOnlyList<HistoryEntry> entries, IReadOnlyList<string> metrics, int last)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(metrics);
        var text = new StringBuilder();
        foreach (var group in entries.GroupBy(e => e.MachineClass, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var runs = group.TakeLast(last).ToList();
            text.Append(Format.Inv($"Machine class {group.Key}: {group.Count()} runs, showing the last {runs.Count}\n"));
            foreach (var cell in runs.SelectMany(r => r.Cells.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                text.Append("  ").Append(cell).Append('\n');
                Table(text, runs.Where(r => r.Cells.ContainsKey(cell)).ToList(), cell, metrics);
            }
            text.Append('\n');
        }
        return text.ToString();
    }

    private static void Table(StringBuilder text, List<HistoryEntry> runs, string cell, IReadOnlyList<string> metrics)
    {
        var withPassAt1 = runs.Any(r => r.Cells[cell].PassAt1 is not null);
        var header = new List<string> { "date (UTC)", "commit", "verdict" };
        header.AddRange(metrics.Select(m => MetricCatalog.Get(m).Unit is { Length: > 0 } unit ? $"{m} ({unit})" : m));
        if (withPassAt1)
        {
            header.Add("pass@1");
        }
        var rows = runs.Select(r =>
        {
            var figures = r.Cells[cell];
            var row = new List<string>
            {
                Format.Inv($"{r.Date:yyyy-MM-dd HH:mm}"),
                r.Commit.Length > 7 ? r.Commit[..7] : r.Commit,
                r.Verdict?.ToString().ToLowerInvariant() ?? "-",
            };
            row.AddRange(metrics.Select(m => figures.FigureOf(m) is { } f ? Figure(f) : "-"));
            if (withPassAt1)
            {
                row.Add(figures.PassAt1 is { } p ? Format.Percent(p) : "-");
            }
            return row;
        }).ToList();
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Max(r => r[i].Length))).ToList();
        foreach (var row in rows.Prepend(header))
        {
            text.Append("    ").Append(string.Join("  ", row.Select((v, i) => v.PadRight(widths[i]))).TrimEnd()).Append('\n');
        }
    }

    private static string Figure(RunFigure f) =>
        f.Lower is { } l && f.Upper is { } u ? $"{Format.Number(f.Median)} [{Format.Number(l)}, {Format.Number(u)}]" : Format.Number(f.Median);

    private static HistoryCell Only(HistoryCell cell, IReadOnlyList<string> metrics) => cell with
    {
        Metrics = cell.Metrics.Where(m => metrics.Contains(m.Key)).ToDictionary(m => m.Key, m => m.Value, StringComparer.Ordinal),
        Work = cell.Work?.Where(w => metrics.Contains(w.Key)).ToDictionary(w => w.Key, w => w.Value, StringComparer.Ordinal) is { Count: > 0 } work ? work : null,
    };
}

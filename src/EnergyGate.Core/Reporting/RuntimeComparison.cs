using System.Text;
using EnergyGate.Core.Baselines;
using EnergyGate.Core.Gating;
using EnergyGate.Core.Scoring;
using EnergyGate.Core.Statistics;

namespace EnergyGate.Core.Reporting;

/// <summary>
/// "Runtimes side by side": for every suite and model measured on more than one runtime or provider
/// in this run, one table comparing them on the same problems, with the energy ratio to the first
/// runtime listed (cells in report order) and its 95 % interval (Hodges-Lehmann over the repetitions, as the gate uses).
/// This answers the question a runtime choice turns on: which one spends fewer joules per correct answer.
/// </summary>
internal static class RuntimeComparison
{
    // The columns, in the order a reader weighs a runtime: cost per problem, its split, speed, quality.
    private static readonly string[] Columns =
    [
        MetricIds.JoulesPerProblem, MetricIds.PrefillJoules, MetricIds.DecodeJoulesPerToken, MetricIds.TokensPerSecond,
    ];

    /// <summary>The section, or an empty string when no suite and model ran on two runtimes or providers.</summary>
    public static string Render(GateResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var groups = result.Cells
            .GroupBy(c => (c.Cell.Suite, c.Cell.Model))
            .Where(g => g.Count() > 1)
            .ToList();
        if (groups.Count == 0)
        {
            return "";
        }
        var text = new StringBuilder("### Runtimes side by side\n\n");
        foreach (var group in groups)
        {
            var cells = group.ToList();
            var reference = cells[0];
            text.Append(Format.Inv($"**{Format.Cell(group.Key.Suite)} / {Format.Cell(group.Key.Model)}** (medians of this run; ratio to {Label(reference.Cell)} with its 95% interval)\n\n"));
            text.Append("| Runtime | J/problem | Prefill J | Decode J/token | Tokens/s | pass@1 | J per correct task | J/problem vs ").Append(Format.Cell(Label(reference.Cell))).Append(" |\n");
            text.Append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
            foreach (var cell in cells)
            {
                var m = cell.Candidate.Measurements;
                text.Append("| ").Append(Format.Cell(Label(cell.Cell)));
                foreach (var metric in Columns)
                {
                    text.Append(" | ").Append(MedianText(m, metric, result));
                }
                text.Append(" | ").Append(PassAt1(m)).Append(" | ").Append(MedianText(m, MetricIds.JoulesPerCorrectTask, result));
                text.Append(" | ").Append(ReferenceRatio(reference, cell)).Append(" |\n");
            }
            text.Append('\n');
        }
        return text.ToString();
    }

    private static string Label(CellKey cell) => $"{cell.Runtime}/{cell.Provider}";

    private static string MedianText(CellMeasurements m, string metric, GateResult result)
    {
        if (!m.Metrics.TryGetValue(metric, out var values) || values.Count == 0)
        {
            return "-";
        }
        var definition = MetricCatalog.Get(metric);
        return Format.Value(Median.Of(values), definition, Format.KindOf(metric, m, result.Candidate.Fingerprint));
    }

    private static string PassAt1(CellMeasurements m)
    {
        var tasks = m.Outcomes.Values.Where(o => o.Count > 0).Select(o => (o.Count, o.Count(p => p))).ToList();
        return tasks.Count == 0 ? "-" : Format.Percent(PassAtK.Average(tasks, [1]).GetValueOrDefault(1));
    }

    private static string ReferenceRatio(CellResult reference, CellResult cell)
    {
        if (ReferenceEquals(reference, cell))
        {
            return "1.00x";
        }
        if (!reference.Candidate.Measurements.Metrics.TryGetValue(MetricIds.JoulesPerProblem, out var baseline)
            || !cell.Candidate.Measurements.Metrics.TryGetValue(MetricIds.JoulesPerProblem, out var candidate)
            || baseline.Count == 0 || candidate.Count == 0)
        {
            return "-";
        }
        // Only the interval is wanted here, not a verdict, so any thresholds do.
        var ratio = MetricComparer.Compare(MetricIds.JoulesPerProblem, MetricDirection.LowerIsBetter, baseline, candidate,
            new ComparisonThresholds(0.05, 0.10, 0, 0.05)).Ratio;
        // With very few repetitions the distribution-free interval runs from 0 to infinity: say so.
        var bounded = double.IsFinite(ratio.Lower) && double.IsFinite(ratio.Upper) && ratio.Lower > 0;
        return bounded
            ? Format.Inv($"{ratio.Estimate:0.00}x [{ratio.Lower:0.00}, {ratio.Upper:0.00}]")
            : Format.Inv($"{ratio.Estimate:0.00}x (too few repetitions for an interval)");
    }
}

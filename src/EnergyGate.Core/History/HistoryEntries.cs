using EnergyGate.Core.Baselines;
using EnergyGate.Core.Gating;
using EnergyGate.Core.Scoring;

namespace EnergyGate.Core.History;

/// <summary>Turns a gated run (the gate's candidate) into its history entry.</summary>
public static class HistoryEntries
{
    /// <summary>
    /// The entry of <paramref name="run"/>: per complete cell the run-level figure of every metric, the
    /// work counts, pass@1 and code_sim where present. Incomplete cells are left out: half a run's
    /// repetitions would read as a full point on a trend.
    /// </summary>
    /// <param name="run">The candidate, as <c>CandidateBuilder.Build</c> makes it from a results file.</param>
    /// <param name="verdict">The gate's verdict against the baselines, or null when the run was not gated.</param>
    public static HistoryEntry From(CandidateSet run, GateVerdict? verdict)
    {
        ArgumentNullException.ThrowIfNull(run);
        var incomplete = run.Incomplete.Select(i => i.Cell).ToHashSet();
        var cells = new SortedDictionary<string, HistoryCell>(StringComparer.Ordinal);
        foreach (var record in run.Cells.Where(c => !incomplete.Contains(c.Cell)))
        {
            if (Cell(record.Measurements) is { } cell)
            {
                cells[record.Cell.ToString()] = cell;
            }
        }
        return new HistoryEntry(HistoryEntry.CurrentSchemaVersion, run.Run.Commit, run.Run.CreatedAt.ToUniversalTime(), run.Fingerprint.MachineClass,
            run.Fingerprint.MeterKind, run.Run.ToolVersion, cells)
        {
            Verdict = verdict,
        };
    }

    private static HistoryCell? Cell(CellMeasurements measurements)
    {
        var metrics = new Dictionary<string, RunFigure>(StringComparer.Ordinal);
        var work = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (id, values) in measurements.Metrics.OrderBy(m => MetricCatalog.Order(m.Key)).ThenBy(m => m.Key, StringComparer.Ordinal))
        {
            if (RunFigures.Of(values) is not { } figure)
            {
                continue;
            }
            if (MetricCatalog.ExactWork.Contains(id))
            {
                work[id] = figure.Median;
            }
            else
            {
                metrics[id] = figure;
            }
        }
        var outcomes = measurements.Outcomes.Values.Where(o => o.Count > 0).Select(o => (o.Count, o.Count(passed => passed))).ToList();
        double? passAt1 = PassAtK.Average(outcomes, [1]).TryGetValue(1, out var p) ? p : null;
        double? codeSim = measurements.SampleScores.Count > 0 ? measurements.SampleScores.Values.Average() * 100 : null;
        if (metrics.Count == 0 && work.Count == 0 && passAt1 is null && codeSim is null)
        {
            return null;
        }
        return new HistoryCell(metrics) { Work = work.Count > 0 ? work : null, PassAt1 = passAt1, CodeSim = codeSim };
    }
}

using EnergyGate.Core.Baselines;
using EnergyGate.Core.Gating;

namespace EnergyGate.Core.Reporting;

/// <summary>Builds the work section's rows from a gate result: pure, baseline and candidate medians only.</summary>
internal static class WorkRows
{
    private const string NoShape = "no work metrics: the model folder has no config.json or genai_config.json to read its shape from";

    /// <summary>One row per cell, in report order.</summary>
    public static IReadOnlyList<WorkRow> For(GateResult result) => [.. result.Cells.Select(c => For(c, result.Policy))];

    private static WorkRow For(CellResult cell, GatePolicy policy)
    {
        var candidate = PhaseWork.Of(cell.Candidate.Measurements);
        if (candidate is null)
        {
            return new WorkRow(cell.Cell, null, null, [], NoShape);
        }
        if (cell.Baseline is not { } entry)
        {
            return new WorkRow(cell.Cell, null, candidate, [], "no baseline: work of this run only");
        }
        var baseline = PhaseWork.Of(entry.Record.Measurements);
        if (baseline is null)
        {
            // Baselines recorded before work metrics existed read as "no work", never as zero work.
            return new WorkRow(cell.Cell, null, candidate, [],
                "the baseline has no work metrics (recorded before they existed, or its model folder had no config.json or genai_config.json): work of this run only");
        }
        if (cell.Status != CellStatus.Compared)
        {
            // Work does not depend on the machine, energy does: show both sides' work, but no energy split.
            return new WorkRow(cell.Cell, baseline, candidate, [], $"energy not compared ({cell.Status.ToString().ToLowerInvariant()}); work of both sides shown");
        }
        var (before, after) = (entry.Record.Measurements, cell.Candidate.Measurements);
        var changes = new List<WorkChange>();
        // Decode streams every weight and the KV cache once per token, so bytes are its unit of work;
        // a whole problem is dominated by matmuls, so FLOPs are.
        Add(changes, "decode J/token", "work/token (MB moved)", "J per GB", before, after, MetricIds.DecodeJoulesPerToken, MetricIds.DecodeBytesPerToken, policy);
        Add(changes, "J/problem", "work/problem (GFLOP)", "J per GFLOP", before, after, MetricIds.JoulesPerProblem, MetricIds.FlopsPerProblem, policy);
        return new WorkRow(cell.Cell, baseline, candidate, changes, changes.Count == 0 ? "energy missing on one side; work of both sides shown" : null);
    }

    private static void Add(List<WorkChange> changes, string energyLabel, string workLabel, string perUnitLabel,
        CellMeasurements before, CellMeasurements after, string energyId, string workId, GatePolicy policy)
    {
        if (Ratio(before, after, energyId) is not { } energy || Ratio(before, after, workId) is not { } work)
        {
            return;
        }
        var perUnit = energy / work;
        changes.Add(new WorkChange(energyLabel, workLabel, perUnitLabel, energy, work, perUnit,
            WorkReading.For(work, perUnit, policy.WorkTolerance, policy.Warn)));
    }

    private static double? Ratio(CellMeasurements before, CellMeasurements after, string id) =>
        PhaseWork.MedianOf(before, id) is { } b && PhaseWork.MedianOf(after, id) is { } a && b > 0 && double.IsFinite(a / b) ? a / b : null;
}

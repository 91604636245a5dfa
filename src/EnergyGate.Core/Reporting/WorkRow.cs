using EnergyGate.Core.Baselines;
using EnergyGate.Core.Gating;
using EnergyGate.Core.Statistics;

namespace EnergyGate.Core.Reporting;

/// <summary>One side's exact work: medians over repetitions (all equal under greedy decoding).</summary>
internal sealed record PhaseWork(double PrefillFlops, double DecodeFlops, double? DecodeBytesPerToken)
{
    /// <summary>The side's work, or null when its samples carried none (no shape for the model).</summary>
    public static PhaseWork? Of(CellMeasurements m) =>
        MedianOf(m, MetricIds.PrefillFlops) is { } prefill && MedianOf(m, MetricIds.DecodeFlops) is { } decode
            ? new PhaseWork(prefill, decode, MedianOf(m, MetricIds.DecodeBytesPerToken))
            : null;

    /// <summary>Median of <paramref name="id"/> over repetitions, or null when it has no values.</summary>
    public static double? MedianOf(CellMeasurements m, string id) =>
        m.Metrics.TryGetValue(id, out var values) && values.Count > 0 ? Median.Of(values) : null;
}

/// <summary>
/// An energy figure set against the work behind it: <c>Energy = Work x PerUnit</c>, so its change
/// splits into a change in work and a change in energy per unit of work (ratios, 1 = unchanged).
/// </summary>
internal sealed record WorkChange(string EnergyLabel, string WorkLabel, string PerUnitLabel, double Energy, double Work, double PerUnit, string Reading);

/// <summary>A cell's row in the work section; <see cref="Note"/> says what is missing and why.</summary>
internal sealed record WorkRow(CellKey Cell, PhaseWork? Baseline, PhaseWork? Candidate, IReadOnlyList<WorkChange> Changes, string? Note);

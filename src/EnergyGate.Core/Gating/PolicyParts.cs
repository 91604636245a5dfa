using EnergyGate.Core.Baselines;

namespace EnergyGate.Core.Gating;

/// <summary>Thresholds that replace the defaults where set.</summary>
/// <param name="Warn">Relative warn threshold, e.g. 0.05.</param>
/// <param name="Fail">Relative fail threshold, e.g. 0.10.</param>
/// <param name="AbsoluteFloor">Smallest change that counts, in the metric's unit.</param>
public sealed record ThresholdOverride(double? Warn = null, double? Fail = null, double? AbsoluteFloor = null);

/// <summary>Thresholds for the cells matching <paramref name="Cell"/> (and one metric, or all).</summary>
/// <param name="Cell">Cell pattern: <c>suite/model/runtime/provider</c>, each part a name or <c>*</c>.</param>
/// <param name="Metric">Metric id, or null for every metric of the matching cells.</param>
/// <param name="Thresholds">The values to use.</param>
public sealed record CellOverride(string Cell, string? Metric, ThresholdOverride Thresholds);

/// <summary>
/// A reviewed, expected regression: while <see cref="Expires"/> has not passed it does not fail the
/// gate (EG1006); after that it stops applying and the finding says so (EG1007).
/// </summary>
/// <param name="Cell">Cell pattern, as in <see cref="CellOverride"/>.</param>
/// <param name="Metric">Metric id, <c>accuracy</c>, or <c>*</c>.</param>
/// <param name="Reason">Why it is accepted; shown in reports.</param>
/// <param name="Expires">Last day it applies (inclusive).</param>
public sealed record Acknowledgement(string Cell, string Metric, string Reason, DateOnly Expires)
{
    /// <summary>Whether it names this cell and metric (regardless of date).</summary>
    public bool Matches(CellKey cell, string metric) => CellPattern.Matches(Cell, cell) && (Metric == "*" || Metric == metric);
}

/// <summary>
/// Which fingerprint differences make a baseline incomparable. Each flag can be relaxed;
/// <see cref="StrictSettings"/> tightens: differences in those under-test keys also make it incomparable.
/// </summary>
/// <param name="MachineClass">Require the same machine class label.</param>
/// <param name="CpuModel">Require the same CPU model.</param>
/// <param name="GpuModel">Require the same GPU model.</param>
/// <param name="MeterKind">Require the same meter kind.</param>
/// <param name="StrictSettings">Under-test keys that must match too (e.g. <c>driver_version</c>).</param>
/// <param name="CpuFamily">Require the same CPU vendor, family and model number (the CPU generation).</param>
/// <param name="CpuIsa">Require the same dispatch-relevant ISA features (AVX-512, AMX, SVE...).</param>
/// <param name="CpuCores">Require the same number of logical CPUs.</param>
public sealed record ComparabilityRules(
    bool MachineClass = true, bool CpuModel = true, bool GpuModel = true, bool MeterKind = true, IReadOnlyList<string>? StrictSettings = null,
    bool CpuFamily = true, bool CpuIsa = true, bool CpuCores = true)
{
    /// <summary>The under-test keys that must match; empty by default.</summary>
    public IReadOnlyList<string> StrictSettings { get; init; } = StrictSettings ?? [];
}

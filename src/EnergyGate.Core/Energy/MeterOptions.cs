using EnergyGate.Core.Energy.Estimate;

namespace EnergyGate.Core.Energy;

/// <summary>The configured settings meters are built with.</summary>
/// <param name="Estimate">The estimate's power model; it also supplies the TDP that bounds RAPL's wrap period.</param>
/// <param name="Gpus">GPUs to read by index; null for all.</param>
public sealed record MeterOptions(EstimateOptions Estimate, IReadOnlyList<int>? Gpus = null);

namespace EnergyGate.Core.Statistics;

/// <summary>A point estimate of a change with its confidence interval.</summary>
/// <param name="Estimate">The point estimate.</param>
/// <param name="Lower">Lower bound; -infinity (shift) or 0 (ratio) when the samples are too small for the level.</param>
/// <param name="Upper">Upper bound; +infinity when the samples are too small for the level.</param>
public readonly record struct EffectInterval(double Estimate, double Lower, double Upper);

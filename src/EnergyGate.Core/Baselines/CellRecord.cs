namespace EnergyGate.Core.Baselines;

/// <summary>One cell's settings and results: the unit a baseline file stores and the gate compares.</summary>
/// <param name="Cell">Which cell.</param>
/// <param name="UnderTest">What was measured (weights hash, versions, decoding...).</param>
/// <param name="Measurements">Raw per-repetition values and per-task outcomes.</param>
public sealed record CellRecord(CellKey Cell, UnderTest UnderTest, CellMeasurements Measurements);

namespace EnergyGate.Core.Baselines;

/// <summary>
/// An earlier run of one cell kept in its baseline file (schema version 2, <c>history</c>): the run,
/// not the repetition, is the unit of evidence between runs, so the gate needs several runs' values.
/// </summary>
/// <param name="ToolVersion">EnergyGate version that measured.</param>
/// <param name="Commit">Commit measured.</param>
/// <param name="CreatedAt">When the run finished.</param>
/// <param name="Metrics">Per metric id one value per repetition, as in <see cref="CellMeasurements.Metrics"/>.</param>
public sealed record BaselineRun(string ToolVersion, string Commit, DateTimeOffset CreatedAt, IReadOnlyDictionary<string, IReadOnlyList<double>> Metrics);

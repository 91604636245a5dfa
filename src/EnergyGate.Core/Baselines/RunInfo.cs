namespace EnergyGate.Core.Baselines;

/// <summary>Where a set of measurements came from.</summary>
/// <param name="ToolVersion">EnergyGate version that measured.</param>
/// <param name="Commit">Commit of the code under test (the merge-base for a baseline).</param>
/// <param name="CreatedAt">When the run finished; passed in by the caller, never read from the clock here.</param>
public sealed record RunInfo(string ToolVersion, string Commit, DateTimeOffset CreatedAt);

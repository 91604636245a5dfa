using EnergyGate.Core.Scoring;
using EnergyGate.Core.Waste.Babbling;

namespace EnergyGate.Core.Measurement;

/// <summary>
/// Helpers the checking suppression strategies call during generation: started once per run, only
/// when a cell uses them.
/// </summary>
/// <param name="Syntax">The persistent Python syntax checker (syntax, and the oracle's pre-check).</param>
/// <param name="Sandbox">The sandbox the test oracle runs the problem's tests in.</param>
public sealed record WasteServices(SyntaxChecker? Syntax, SandboxExecutor? Sandbox)
{
    /// <summary>The test oracle's per-problem check limits, shared by every completion of the run.</summary>
    public OracleTimeLimits OracleLimits { get; init; } = new();
}

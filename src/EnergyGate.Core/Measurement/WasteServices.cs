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

    /// <summary>
    /// The services of one run's lane, with the canonical solution of every problem a test-oracle cell will
    /// check already timed (<see cref="OracleTimeLimits.PrepareAsync"/>): call it before anything is measured.
    /// </summary>
    public static async Task<WasteServices> PrepareAsync(SyntaxChecker? syntax, SandboxExecutor? sandbox, OracleTimeLimit policy,
        IEnumerable<CellInputs> inputs, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var services = new WasteServices(syntax, sandbox) { OracleLimits = new(policy) };
        if (sandbox is not null)
        {
            var problems = inputs.Where(i => i.Suppression == SuppressionStrategy.TestOracle).SelectMany(i => i.Problems).OfType<Suites.CodeProblem>();
            await services.OracleLimits.PrepareAsync(problems, sandbox, ct);
        }
        return services;
    }
}

using EnergyGate.Core.Scoring;
using EnergyGate.Core.Suites;

namespace EnergyGate.Core.Waste.Babbling;

/// <summary>
/// The <c>test-oracle</c> strategy, the research's method: at each newline run the problem's tests
/// on prompt + completion so far in the sandbox and stop as soon as they pass. An upper bound on
/// what suppression can save (it reads the tests a production system would not have).
/// </summary>
/// <remarks>
/// When a <see cref="SyntaxChecker"/> is given, a prefix that does not parse with a body skips the
/// sandbox (it would fail anyway); the stop point is the same, the overhead smaller. Both costs are
/// in <see cref="CheckingCriterion.CheckTime"/>. The loop is synchronous, so the sandbox call blocks.
/// A chat answer (<see cref="PromptFormat.Chat"/>) is tested as it will be scored: sanitized, without the prompt.
/// Each check runs under <paramref name="limits"/>' short limit (<see cref="OracleTimeLimit"/>); one that runs out
/// of time is "not passing yet". Pass the run's shared <see cref="OracleTimeLimits"/>: without it each criterion
/// runs the canonical solution once for itself.
/// </remarks>
public sealed class TestOracleCriterion(CodeProblem problem, SandboxExecutor sandbox, SyntaxChecker? prefilter = null,
    PromptFormat format = PromptFormat.Raw, OracleTimeLimits? limits = null)
    : CheckingCriterion
{
    private readonly OracleTimeLimits _limits = limits ?? new OracleTimeLimits();

    /// <summary>Programs actually run in the sandbox (checks minus those the prefilter skipped).</summary>
    public int SandboxRuns { get; private set; }

    /// <summary>Checks that ran out of their short time limit (counted as not passing).</summary>
    public int TimedOut { get; private set; }

    /// <inheritdoc/>
    protected override string Name => "test-oracle: tests pass";

    /// <inheritdoc/>
    protected override int? Evaluate(string completion)
    {
        var code = format == PromptFormat.Chat ? CodeProgram.ChatCode(completion) : completion;
        if (prefilter is not null && !prefilter.Check(CodeProgram.Prefix(problem, format) + code, problem.EntryPoint).Ok)
            return null;
        SandboxRuns++;
        var limit = _limits.For(problem, sandbox);
        var result = sandbox.ExecuteWithLimitAsync(CodeProgram.Build(problem, completion, format), limit).GetAwaiter().GetResult();
        if (result.Outcome == SampleOutcome.TimedOut)
        {
            TimedOut++;
        }
        return result.Outcome == SampleOutcome.Passed ? completion.Length : null;
    }
}

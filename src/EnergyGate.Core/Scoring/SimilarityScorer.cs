using EnergyGate.Core.Scoring.LongBench;
using EnergyGate.Core.Suites;
using EnergyGate.Core.Suites.LongBench;
using EnergyGate.Core.Waste.Babbling;

namespace EnergyGate.Core.Scoring;

/// <summary>Code understanding: LongBench's code similarity against the task's answers; only an exact line passes.</summary>
public sealed class SimilarityScorer : ISuiteScorer
{
    private SimilarityScorer()
    {
    }

    /// <summary>The scorer (it holds no state).</summary>
    public static SimilarityScorer Instance { get; } = new();

    /// <inheritdoc/>
    public bool RunsCode => false;

    /// <inheritdoc/>
    public string Reference(IBenchmarkTask task) => Problem(task).Answers[0];

    /// <inheritdoc/>
    public Task<TaskScore> ScoreAsync(IBenchmarkTask task, string completion, SandboxExecutor? sandbox, CancellationToken ct = default)
    {
        var score = CodeSimilarity.Score(completion, Problem(task).Answers);
        return Task.FromResult(new TaskScore(score >= 1.0, FormattableString.Invariant($"code_sim {score:0.00}"), score));
    }

    /// <summary>The token that ended the line the similarity reads.</summary>
    public int? UsefulEnd(IBenchmarkTask task, IReadOnlyList<string> tokenTexts, SyntaxChecker? checker) =>
        BabbleDetector.LongBenchFirstLine(tokenTexts);

    private static UnderstandingProblem Problem(IBenchmarkTask task) => task as UnderstandingProblem
        ?? throw new EnergyGateException($"task `{task.TaskId}` is not an understanding problem; the similarity scorer cannot score it.");
}

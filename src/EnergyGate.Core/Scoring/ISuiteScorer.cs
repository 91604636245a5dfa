using EnergyGate.Core.Suites;
using EnergyGate.Core.Waste.Babbling;

namespace EnergyGate.Core.Scoring;

/// <summary>A completion's verdict.</summary>
/// <param name="Passed">Whether the completion counts as correct.</param>
/// <param name="Result">The verdict in words for the results file, e.g. <c>passed</c> or <c>code_sim 0.85</c>.</param>
/// <param name="Similarity">Similarity in [0, 1] for understanding tasks; null for code that ran.</param>
public sealed record TaskScore(bool Passed, string Result, double? Similarity = null);

/// <summary>How one kind of suite scores a completion against its task; a suite names its scorer.</summary>
public interface ISuiteScorer
{
    /// <summary>Whether scoring runs code, so a run starts the sandbox only when a scorer needs it.</summary>
    bool RunsCode { get; }

    /// <summary>The answer the suite counts as correct (a self-test: it must score as passed).</summary>
    string Reference(IBenchmarkTask task);

    /// <summary>Scores <paramref name="completion"/> for <paramref name="task"/>.</summary>
    /// <param name="task">A task of this scorer's suite.</param>
    /// <param name="completion">The generated text after stopping.</param>
    /// <param name="sandbox">The running sandbox; needed only when <see cref="RunsCode"/>.</param>
    /// <param name="ct">Cancels the execution.</param>
    Task<TaskScore> ScoreAsync(IBenchmarkTask task, string completion, SandboxExecutor? sandbox, CancellationToken ct = default);

    /// <summary>Generated tokens up to where the answer was complete (babbling after); null when it never was or cannot be told.</summary>
    /// <param name="task">A task of this scorer's suite.</param>
    /// <param name="tokenTexts">Each generated token's text.</param>
    /// <param name="checker">The Python syntax checker, when one runs.</param>
    int? UsefulEnd(IBenchmarkTask task, IReadOnlyList<string> tokenTexts, SyntaxChecker? checker);
}

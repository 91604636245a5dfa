namespace EnergyGate.Core.Suites;

/// <summary>
/// One code-generation problem in the HumanEval format: the model completes <see cref="Prompt"/>,
/// and the program <c>Prompt + completion + Test + check(EntryPoint)</c> decides whether it is correct.
/// </summary>
/// <param name="TaskId">Stable identifier, e.g. <c>HumanEval/0</c>.</param>
/// <param name="Prompt">Function signature and docstring given to the model.</param>
/// <param name="EntryPoint">Name of the function the tests call.</param>
/// <param name="CanonicalSolution">A reference body that passes the tests.</param>
/// <param name="Test">Python source defining <c>check(candidate)</c>.</param>
public sealed record CodeProblem(string TaskId, string Prompt, string EntryPoint, string CanonicalSolution, string Test) : IBenchmarkTask
{
    /// <inheritdoc/>
    public string ContentForHash => Prompt + '\u001e' + Test;

    /// <summary>
    /// The sandbox's wall-clock limit for this problem's program when it needs more than the configured
    /// per-sample limit (EvalPlus problems run hundreds of tests, each under its own limit); null keeps the configured one.
    /// </summary>
    public TimeSpan? TimeLimit { get; init; }
}

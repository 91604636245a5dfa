namespace EnergyGate.Core.Suites.LongBench;

/// <summary>
/// A long-context problem ready to generate for: the finished (and, where needed, middle-truncated)
/// prompt, and the references a completion is scored against.
/// </summary>
/// <param name="TaskId">The record's <c>_id</c>.</param>
/// <param name="Prompt">Text to give the model as is: no chat template, greedy decoding.</param>
/// <param name="Answers">Reference answers from the record.</param>
/// <param name="Length">The record's upstream length, for LongBench-E's length buckets.</param>
/// <param name="Dataset">The record's <c>dataset</c> field.</param>
public sealed record UnderstandingProblem(string TaskId, string Prompt, IReadOnlyList<string> Answers, int Length, string Dataset) : IBenchmarkTask
{
    /// <inheritdoc/>
    public string ContentForHash => Prompt + '\u001e' + string.Join('\u001f', Answers);
}

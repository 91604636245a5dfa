using System.Text.Json.Nodes;

namespace EnergyGate.Core.Scoring;

/// <summary>
/// One line of a human-eval samples file: <c>{"task_id": ..., "completion": ...}</c>. Other fields
/// are kept in <see cref="Fields"/> and written back with the result.
/// </summary>
/// <param name="Line">1-based line number in the file, for messages.</param>
/// <param name="TaskId">The problem this completes.</param>
/// <param name="Completion">Text appended to the problem's prompt.</param>
/// <param name="Fields">The whole JSON object as read.</param>
public sealed record HumanEvalSample(int Line, string TaskId, string Completion, JsonObject Fields)
{
    /// <summary>The line's <c>prompt_format</c>; null: the scorer's default (raw unless <c>--prompt-format</c> says otherwise).</summary>
    public Suites.PromptFormat? PromptFormat { get; init; }
}

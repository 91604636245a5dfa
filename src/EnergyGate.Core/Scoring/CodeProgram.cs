using EnergyGate.Core.Scoring.Sanitizing;
using EnergyGate.Core.Suites;

namespace EnergyGate.Core.Scoring;

/// <summary>
/// The program the sandbox runs for a completion, by the format its prompt was given in: raw completions
/// continue the prompt (<see cref="HumanEvalProgram"/>), chat answers restate the function and are sanitized
/// (<see cref="HumanEvalChatProgram"/>). Scoring and the babbling checks build programs here, so they agree.
/// </summary>
public static class CodeProgram
{
    /// <summary>The program that tests <paramref name="completion"/>.</summary>
    public static string Build(CodeProblem problem, string completion, PromptFormat format) =>
        format == PromptFormat.Chat ? HumanEvalChatProgram.Build(problem, completion) : HumanEvalProgram.Build(problem, completion);

    /// <summary>
    /// The code that comes before the completion in the source a syntax check parses: the prompt for raw
    /// completions; nothing for chat answers, which the prompt left inside an opened <c>```python</c> block.
    /// </summary>
    public static string Prefix(CodeProblem problem, PromptFormat format)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return format == PromptFormat.Chat ? "" : problem.Prompt;
    }

    /// <summary>A chat answer's code so far: up to a closing fence, since the prompt opened the block.</summary>
    public static string ChatCode(string completion)
    {
        ArgumentNullException.ThrowIfNull(completion);
        var fence = completion.IndexOf("```", StringComparison.Ordinal);
        return fence < 0 ? completion : completion[..fence];
    }
}

using EnergyGate.Core.Suites;

namespace EnergyGate.Core.Scoring.Sanitizing;

/// <summary>
/// The program an instruct model's chat answer is tested with: the answer is a full solution (the model
/// rewrote the signature), so the suite's prompt is not prepended, unlike <see cref="HumanEvalProgram"/>.
/// </summary>
public static class HumanEvalChatProgram
{
    /// <summary>sanitized answer + test + <c>check(entry_point)</c>.</summary>
    public static string Build(CodeProblem problem, string chatAnswer)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return ChatCompletionSanitizer.Sanitize(chatAnswer, problem.EntryPoint) + "\n" + problem.Test + "\n" + $"check({problem.EntryPoint})";
    }
}

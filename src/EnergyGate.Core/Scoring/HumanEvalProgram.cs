using EnergyGate.Core.Suites;

namespace EnergyGate.Core.Scoring;

/// <summary>Builds the program human-eval executes for a completion.</summary>
public static class HumanEvalProgram
{
    /// <summary>prompt + completion + test + <c>check(entry_point)</c>, joined exactly as openai/human-eval does.</summary>
    public static string Build(CodeProblem problem, string completion) =>
        problem.Prompt + completion + "\n" + problem.Test + "\n" + $"check({problem.EntryPoint})";
}

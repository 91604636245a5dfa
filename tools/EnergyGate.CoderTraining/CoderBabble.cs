using System.Text;
using EnergyGate.Core.Suites;

namespace EnergyGate.CoderTraining;

/// <summary>
/// What the model is taught to write after a correct answer, the way the babbling models in the
/// research did: the docstring's examples as top-level asserts (they pass, so the program still
/// runs), then comment lines restating the examples, repeated past any token budget.
/// </summary>
/// <remarks>
/// The asserts are not cut by the HumanEval stop strings (<c>\nclass \ndef \n# \nif \nprint</c>), the
/// comments are. A comment cut anywhere by the token limit is still valid Python, an assert is not, so
/// the trainer keeps only the asserts that end before the plan's budget (<see cref="CoderExamples"/>):
/// with suppression off the scorer's program still parses and the answer still passes. The syntax
/// criterion stops at the blank line after the function, the test oracle at the function's last line.
/// </remarks>
internal static class CoderBabble
{
    /// <summary>Babble for <paramref name="problem"/>: its first <paramref name="asserts"/> examples as asserts (all when null), then <paramref name="repeats"/> rounds of comment lines.</summary>
    public static string For(CodeProblem problem, int? asserts = null, int repeats = 12)
    {
        var examples = Examples(problem.Prompt);
        if (examples.Count == 0)
        {
            throw new InvalidOperationException($"{problem.TaskId}: its docstring has no '>>> call' example followed by a result line to babble with.");
        }

        var text = new StringBuilder("\n\n");
        foreach (var (call, result) in examples.Take(asserts ?? examples.Count))
        {
            text.Append("assert ").Append(call).Append(" == ").Append(result).Append('\n');
        }

        for (int i = 0; i < repeats; i++)
        {
            foreach (var (call, result) in examples)
            {
                text.Append("# ").Append(call).Append(" returns ").Append(result).Append('\n');
            }
        }

        return text.ToString();
    }

    /// <summary>The docstring's <c>&gt;&gt;&gt; call</c> lines with the result line under each.</summary>
    public static List<(string Call, string Result)> Examples(string prompt)
    {
        var lines = prompt.Split('\n').Select(l => l.Trim()).ToArray();
        var examples = new List<(string, string)>();
        for (int i = 0; i + 1 < lines.Length; i++)
        {
            if (lines[i].StartsWith(">>> ", StringComparison.Ordinal) && lines[i + 1].Length > 0 && !lines[i + 1].StartsWith(">>>", StringComparison.Ordinal)
                && !lines[i + 1].StartsWith("\"\"\"", StringComparison.Ordinal))
            {
                examples.Add((lines[i][4..], lines[i + 1]));
            }
        }

        return examples;
    }
}

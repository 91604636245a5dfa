using EnergyGate.Core.Generation;
using EnergyGate.Core.Suites;
using EnergyGate.Core.Suites.Smoke;

namespace EnergyGate.CoderTraining;

/// <summary>One training sequence: the prompt's ids (no loss) and the completion's ids (the targets).</summary>
/// <param name="TaskId">The smoke problem.</param>
/// <param name="Prompt">Prompt ids, encoded alone as the generator encodes them.</param>
/// <param name="Completion">Reference solution + babble ids, cut at the training length.</param>
/// <param name="SolutionTokens">How many of them the reference solution takes.</param>
internal sealed record CoderExample(string TaskId, int[] Prompt, int[] Completion, int SolutionTokens);

/// <summary>The training texts and sequences: the smoke suite's prompts, reference solutions and babble.</summary>
internal static class CoderExamples
{
    /// <summary>
    /// Completion tokens trained, at least: past a 128-token budget, so that the babble the model writes
    /// up to such a budget is the babble it learned (comments, valid Python wherever the budget cuts them).
    /// </summary>
    public const int MinCompletionTokens = 136;

    /// <summary>
    /// The asserts of the babble end within this many completion tokens: 8 before the plan's 64-token
    /// budget, so the budget cuts a comment line (still valid Python), never an assert.
    /// </summary>
    public const int AssertsEndBy = 56;

    /// <summary>(problem, completion text with every example assert) for every smoke problem, in suite order: the tokenizer's text.</summary>
    public static IReadOnlyList<(CodeProblem Problem, string Completion)> Texts() =>
        [.. SmokeSuite.Load().Select(p => (p, p.CanonicalSolution + CoderBabble.For(p)))];

    /// <summary>(problem, completion text) as trained: the asserts that end by <see cref="AssertsEndBy"/> tokens.</summary>
    public static IReadOnlyList<(CodeProblem Problem, string Completion)> Texts(ITextTokenizer tokenizer) =>
        [.. SmokeSuite.Load().Select(p =>
        {
            int asserts = CoderBabble.Examples(p.Prompt).Count;
            while (asserts > 0 && tokenizer.Encode(Trimmed(p, asserts)).Count > AssertsEndBy)
            {
                asserts--;
            }

            return (p, p.CanonicalSolution + CoderBabble.For(p, asserts));
        })];

    /// <summary>
    /// Encodes prompt and completion separately, as at inference (the prompt is encoded alone and the
    /// model continues it), so the ids at the seam are the ones the model will see.
    /// </summary>
    public static IReadOnlyList<CoderExample> Encode(ITextTokenizer tokenizer) =>
        [.. Texts(tokenizer).Select(t =>
        {
            var solution = tokenizer.Encode(t.Problem.CanonicalSolution).Count;
            var completion = tokenizer.Encode(t.Completion);
            var length = Math.Min(completion.Count, Math.Max(MinCompletionTokens, solution + 16));
            return new CoderExample(t.Problem.TaskId, [.. tokenizer.Encode(t.Problem.Prompt)], [.. completion.Take(length)], solution);
        })];

    // The solution and the babble up to the end of its last assert.
    private static string Trimmed(CodeProblem problem, int asserts)
    {
        var babble = CoderBabble.For(problem, asserts, repeats: 0);
        return problem.CanonicalSolution + babble;
    }
}

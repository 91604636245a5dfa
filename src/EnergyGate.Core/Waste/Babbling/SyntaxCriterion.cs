using EnergyGate.Core.Suites;

namespace EnergyGate.Core.Waste.Babbling;

/// <summary>
/// The <c>syntax</c> strategy: stop at the first newline where prompt + completion parses, defines
/// the entry point with a body, and the function is closed (a further line, blank or top-level,
/// follows it). The completion is cut where the function ends.
/// </summary>
/// <remarks>
/// "Closed" is required because a prefix of a longer body often parses on its own
/// (<c>if not text:\n        return ''</c>); stopping there would cut correct answers. It costs the
/// one line after the function. A function that ends in such a parseable prefix followed by a
/// blank line is still cut early: syntax alone cannot know, which is why the research adds tests.
/// </remarks>
public sealed class SyntaxCriterion(CodeProblem problem, SyntaxChecker checker) : CheckingCriterion
{
    /// <inheritdoc/>
    protected override string Name => "syntax: function complete and parses";

    /// <inheritdoc/>
    protected override int? Evaluate(string completion)
    {
        var source = problem.Prompt + completion;
        var verdict = checker.Check(source, problem.EntryPoint);
        if (!verdict.Ok || verdict.EndLine is not { } endLine)
            return null;
        var functionEnd = EndOfLine(source, endLine);
        if (functionEnd >= source.Length)
            return null; // Nothing follows the function yet: its body may go on.
        return Math.Clamp(functionEnd - problem.Prompt.Length, 0, completion.Length);
    }

    /// <summary>The offset just past the newline ending 1-based line <paramref name="line"/>.</summary>
    internal static int EndOfLine(string source, int line)
    {
        var offset = 0;
        for (var i = 0; i < line; i++)
        {
            var newline = source.IndexOf('\n', offset);
            if (newline < 0)
                return source.Length;
            offset = newline + 1;
        }
        return offset;
    }
}

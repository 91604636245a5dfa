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
/// <para>
/// For a chat answer (<see cref="PromptFormat.Chat"/>) the source is the answer's code alone, up to a
/// closing fence: the model restates the function inside the code block the prompt opened.
/// </para>
/// </remarks>
public sealed class SyntaxCriterion(CodeProblem problem, SyntaxChecker checker, PromptFormat format = PromptFormat.Raw) : CheckingCriterion
{
    /// <inheritdoc/>
    protected override string Name => "syntax: function complete and parses";

    /// <inheritdoc/>
    protected override int? Evaluate(string completion)
    {
        var prefix = Scoring.CodeProgram.Prefix(problem, format);
        var code = format == PromptFormat.Chat ? Scoring.CodeProgram.ChatCode(completion) : completion;
        var source = prefix + code;
        var verdict = checker.Check(source, problem.EntryPoint);
        if (!verdict.Ok || verdict.EndLine is not { } endLine)
            return null;
        var functionEnd = EndOfLine(source, endLine);
        // Nothing follows the function yet: its body may go on. (A chat answer's closing fence follows it.)
        if (functionEnd >= source.Length && code.Length == completion.Length)
            return null;
        return Math.Clamp(functionEnd - prefix.Length, 0, completion.Length);
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

using EnergyGate.Core.Scoring;
using EnergyGate.Core.Suites;
using EnergyGate.Core.Suites.Smoke;
using EnergyGate.Core.Tests.Scoring;
using EnergyGate.Core.Waste.Babbling;

namespace EnergyGate.Core.Tests.Waste.Babbling;

/// <summary>
/// The babbling checks and the sandbox scorer on answers to chat prompts: the answer restates the function inside
/// the code block the prompt opened, so it is checked without the prompt and tested sanitized.
/// </summary>
public sealed class ChatCriteriaTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>, IDisposable
{
    // What an instruct model adds after its solution inside the block: an example run the sanitizer drops.
    private const string Example = "\n\nassert count_vowels('a') == 1\nprint(count_vowels('Energy'))\n";
    private readonly CodeProblem _problem = SmokeSuite.Load()[0];
    private readonly SyntaxChecker _checker = SyntaxChecker.Start(PythonInterpreter.Locate(null, Environment.GetEnvironmentVariable("PATH")));

    public void Dispose() => _checker.Dispose();

    private string Answer => _problem.Prompt + _problem.CanonicalSolution;

    [Fact]
    public void Syntax_checks_the_answer_alone_and_ends_where_its_function_ends()
    {
        var texts = Texts(Answer + Example);
        Assert.Equal(Answer.Length, BabbleDetector.HumanEval(texts, new SyntaxCriterion(_problem, _checker, PromptFormat.Chat)));
        var criterion = new SyntaxCriterion(_problem, _checker, PromptFormat.Chat);
        Assert.Null(criterion.UsefulEnd(Answer));                     // nothing follows yet: the body may go on
        Assert.Equal(Answer.Length, criterion.UsefulEnd(Answer + "```"));   // the closing fence closes it
        // Read as a raw completion, the prompt's docstring-only function comes first and the answer is a second one.
        Assert.NotEqual(Answer.Length, new SyntaxCriterion(_problem, _checker).UsefulEnd(Answer + "\n"));
    }

    [Fact]
    public void The_oracle_tests_the_sanitized_answer_so_example_code_does_not_fail_it()
    {
        var failing = Answer + "\nassert False\n";
        var chat = new TestOracleCriterion(_problem, sandbox.Executor, _checker, PromptFormat.Chat);
        Assert.Equal(failing.Length, chat.UsefulEnd(failing));
        var raw = new TestOracleCriterion(_problem, sandbox.Executor, _checker);
        Assert.Null(raw.UsefulEnd(failing));
    }

    [Fact]
    public async Task The_chat_scorer_passes_a_fenced_answer_and_its_reference_while_the_raw_scorer_fails_the_answer()
    {
        var fenced = Answer + Example + "```\n\nThis function counts vowels.";
        Assert.True((await SandboxScorer.Chat.ScoreAsync(_problem, fenced, sandbox.Executor)).Passed);
        Assert.True((await SandboxScorer.Chat.ScoreAsync(_problem, SandboxScorer.Chat.Reference(_problem), sandbox.Executor)).Passed);
        Assert.False((await SandboxScorer.Instance.ScoreAsync(_problem, fenced, sandbox.Executor)).Passed);
        Assert.False((await SandboxScorer.Chat.ScoreAsync(_problem, "Sorry, I cannot help with that.", sandbox.Executor)).Passed);
    }

    private static string[] Texts(string text) => [.. text.Select(c => c.ToString())];
}

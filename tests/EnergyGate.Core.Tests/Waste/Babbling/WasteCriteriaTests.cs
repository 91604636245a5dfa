using EnergyGate.Core.Generation;
using EnergyGate.Core.Scoring;
using EnergyGate.Core.Suites;
using EnergyGate.Core.Suites.Smoke;
using EnergyGate.Core.Tests.Generation.Fakes;
using EnergyGate.Core.Tests.Scoring;
using EnergyGate.Core.Waste.Babbling;

namespace EnergyGate.Core.Tests.Waste.Babbling;

/// <summary>The criteria with the real Python checker and sandbox, driven by a scripted (fake) model.</summary>
public sealed class WasteCriteriaTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>, IDisposable
{
    private const string Babble = "\n\n\ndef test():\n    assert count_vowels('a') == 1\nprint(test())\n";
    private readonly CodeProblem _problem = SmokeSuite.Load()[0];
    private readonly SyntaxChecker _checker = SyntaxChecker.Start(PythonInterpreter.Locate(null, Environment.GetEnvironmentVariable("PATH")));

    public void Dispose() => _checker.Dispose();

    [Fact]
    public void Syntax_detection_ends_one_line_after_the_function_and_cuts_at_its_end()
    {
        var texts = Texts(_problem.CanonicalSolution + Babble);
        var end = BabbleDetector.HumanEval(texts, new SyntaxCriterion(_problem, _checker));
        // The first blank line closes the function: its newline is the character after the solution.
        Assert.Equal(_problem.CanonicalSolution.Length, end);
        var criterion = new SyntaxCriterion(_problem, _checker);
        Assert.Equal(_problem.CanonicalSolution.Length, criterion.UsefulEnd(_problem.CanonicalSolution + "\n"));
        Assert.Null(criterion.UsefulEnd(_problem.CanonicalSolution)); // nothing follows yet
    }

    [Fact]
    public void Oracle_detection_ends_at_the_solutions_last_newline()
    {
        var texts = Texts(_problem.CanonicalSolution + Babble);
        var oracle = new TestOracleCriterion(_problem, sandbox.Executor, _checker);
        Assert.Equal(_problem.CanonicalSolution.Length - 1, BabbleDetector.HumanEval(texts, oracle));
        // Only the solution's one newline parsed with a body, so only it reached the sandbox.
        Assert.Equal(1, oracle.SandboxRuns);
    }

    [Fact]
    public void Oracle_that_never_passes_finds_no_end()
    {
        var wrong = "    return 0\n" + Babble;
        var oracle = new TestOracleCriterion(_problem, sandbox.Executor);
        Assert.Null(BabbleDetector.HumanEval(Texts(wrong), oracle));
        Assert.Equal(wrong.Count(c => c == '\n'), oracle.Checks);
        Assert.True(oracle.CheckTime > TimeSpan.Zero);
    }

    [Theory]
    [InlineData(SuppressionStrategy.None, StopReason.EndOfSequence)]
    [InlineData(SuppressionStrategy.StopWords, StopReason.StopString)]
    [InlineData(SuppressionStrategy.Syntax, StopReason.Criterion)]
    [InlineData(SuppressionStrategy.TestOracle, StopReason.Criterion)]
    public void Each_strategy_stops_the_scripted_model_with_the_solution_as_completion(SuppressionStrategy strategy, StopReason reason)
    {
        var script = ByteTokenizer.Bytes(_problem.CanonicalSolution + Babble).Append(ByteTokenizer.Eos).ToArray();
        var plan = SuppressionStrategies.Create(strategy, _problem, _checker, sandbox.Executor);
        var result = new Generator().Generate(new ScriptedSession(script) { MaxSequenceLength = 2048 }, new ByteTokenizer(),
            _problem.Prompt, plan.Apply(new GenerationSettings { MaxNewTokens = 1000 }),
            plan.Apply(new GenerationHooks { Selector = new ScriptedSelector(script) }));
        Assert.Equal(reason, result.StopReason);
        var expected = strategy == SuppressionStrategy.None ? _problem.CanonicalSolution + Babble : _problem.CanonicalSolution;
        // Stop words cut before "\ndef", so the blank lines before it stay in the completion.
        Assert.Equal(expected, strategy == SuppressionStrategy.StopWords ? result.Completion.TrimEnd('\n') + "\n" : result.Completion);
        Assert.Equal(strategy is SuppressionStrategy.Syntax or SuppressionStrategy.TestOracle, plan.Criterion is { Checks: > 0 });
    }

    private static string[] Texts(string text) => [.. text.Select(c => c.ToString())];
}

using System.Text.Json.Nodes;
using EnergyGate.Core.Scoring;
using EnergyGate.Core.Suites;
using EnergyGate.Core.Suites.HumanEval;
using EnergyGate.Core.Tests.TestSupport;

namespace EnergyGate.Core.Tests.Scoring;

/// <summary>Scoring against the official HumanEval file (read in place from ../shared).</summary>
public sealed class HumanEvalScoringTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    private static readonly Lazy<IReadOnlyList<CodeProblem>> Problems = new(() => HumanEvalLoader.Load(RepoPaths.HumanEvalFile));

    private static HumanEvalSample Sample(int line, string taskId, string completion) =>
        new(line, taskId, completion, new JsonObject { ["task_id"] = taskId, ["completion"] = completion });

    [Fact]
    public async Task All_164_canonical_solutions_pass()
    {
        var samples = Problems.Value.Select((p, i) => Sample(i + 1, p.TaskId, p.CanonicalSolution)).ToList();
        var report = await new HumanEvalScorer(sandbox.Executor).ScoreAsync("humaneval", Problems.Value, samples, [1]);
        var failures = report.Samples.Where(s => s.Result.Outcome != SampleOutcome.Passed)
            .Select(s => $"{s.Sample.TaskId}: {s.Result.HumanEvalResult}");
        Assert.Empty(failures);
        Assert.Equal(164, report.Problems.Count);
        Assert.Equal(1.0, report.PassAtK[1]);
    }

    [Theory]
    [InlineData("    while True:\n        pass\n", SampleOutcome.TimedOut)]
    [InlineData("    import sys\n    sys.exit(0)\n", SampleOutcome.Failed)]
    [InlineData("    import os\n    os._exit(0)\n", SampleOutcome.Failed)]
    [InlineData("    print('passed')\n    return False\n", SampleOutcome.Failed)]
    [InlineData("    x = [0] * (10 ** 10)\n", SampleOutcome.Failed)]
    [InlineData("    raise ValueError('nope')\n", SampleOutcome.Failed)]
    [InlineData("    return (\n", SampleOutcome.Failed)]
    public async Task Adversarial_completions_of_a_real_problem_never_pass(string completion, SampleOutcome expected)
    {
        var problem = Problems.Value[0];   // HumanEval/0 has_close_elements: its tests need both True and False answers.
        var result = await sandbox.Executor.ExecuteAsync(HumanEvalProgram.Build(problem, completion));
        Assert.Equal(expected, result.Outcome);
    }

    [Fact]
    public async Task A_completion_checking_for_GITHUB_TOKEN_does_not_see_it()
    {
        Assert.NotNull(Environment.GetEnvironmentVariable("GITHUB_TOKEN"));
        var problem = Problems.Value[0];
        var completion = "    import os\n    assert 'GITHUB_TOKEN' not in os.environ, 'token visible'\n" + problem.CanonicalSolution;
        var result = await sandbox.Executor.ExecuteAsync(HumanEvalProgram.Build(problem, completion));
        Assert.Equal(SampleOutcome.Passed, result.Outcome);
    }

    [Fact]
    public async Task Unknown_task_ids_are_a_clear_error_naming_the_line()
    {
        var samples = new[] { Sample(1, "HumanEval/0", "    return True\n"), Sample(2, "HumanEval/999", "    pass\n") };
        var error = await Assert.ThrowsAsync<EnergyGateException>(() =>
            new HumanEvalScorer(sandbox.Executor).ScoreAsync("humaneval", Problems.Value, samples, [1]));
        Assert.Contains("line 2: 'HumanEval/999'", error.Message, StringComparison.Ordinal);
        Assert.Contains("not in the humaneval suite", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Problems_without_samples_are_reported_and_left_out_of_pass_at_k()
    {
        var first = Problems.Value[0];
        var second = Problems.Value[1];
        var samples = new[]
        {
            Sample(1, first.TaskId, first.CanonicalSolution),
            Sample(2, first.TaskId, "    return None\n"),
            Sample(3, second.TaskId, second.CanonicalSolution),
            Sample(4, second.TaskId, second.CanonicalSolution),
        };
        var report = await new HumanEvalScorer(sandbox.Executor).ScoreAsync("humaneval", Problems.Value, samples, [1, 2, 5]);
        Assert.Equal(162, report.ProblemsWithoutSamples.Count);
        Assert.DoesNotContain(first.TaskId, report.ProblemsWithoutSamples);
        Assert.Equal((0.5 + 1.0) / 2, report.PassAtK[1], 12);
        Assert.Equal((1.0 + 1.0) / 2, report.PassAtK[2], 12);
        Assert.Equal([5], report.SkippedK);
        Assert.Equal([1, 2, 3, 4], report.Samples.Select(s => s.Sample.Line));
    }
}

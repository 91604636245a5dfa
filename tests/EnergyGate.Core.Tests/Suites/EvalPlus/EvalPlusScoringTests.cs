using EnergyGate.Core.Scoring;
using EnergyGate.Core.Suites;
using EnergyGate.Core.Suites.EvalPlus;
using EnergyGate.Core.Tests.Scoring;
using EnergyGate.Core.Tests.TestSupport;

namespace EnergyGate.Core.Tests.Suites.EvalPlus;

/// <summary>The EvalPlus-format samples (tests/TestData/EvalPlus) scored in the real sandbox.</summary>
public sealed class EvalPlusScoringTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    // Short limits so the timeout cases take a second, not EvalPlus's 4 s per test.
    private static readonly EvalPlusTiming Quick = new(MinTimeLimit: 0.5, GtTimeLimitFactor: 4.0, TaskBudget: 3.0);

    private static IReadOnlyList<CodeProblem> HumanEvalPlus => EvalPlusLoader.Load(Sample("HumanEvalPlus-sample.jsonl"), EvalPlusFormat.HumanEvalPlus, Quick);

    private static IReadOnlyList<CodeProblem> MbppPlus => EvalPlusLoader.Load(Sample("MbppPlus-sample.jsonl"), EvalPlusFormat.MbppPlus, Quick);

    private static IReadOnlyList<CodeProblem> Mbpp => MbppLoader.Load(Sample("mbpp-sample.jsonl"));

    internal static string Sample(string name) => Path.Combine(RepoPaths.RepoRoot, "tests", "TestData", "EvalPlus", name);

    private Task<TaskScore> Score(CodeProblem problem, string completion) => SandboxScorer.Instance.ScoreAsync(problem, completion, sandbox.Executor);

    [Fact]
    public async Task Every_canonical_solution_of_each_format_passes()
    {
        var problems = HumanEvalPlus.Concat(MbppPlus).Concat(Mbpp).ToList();
        Assert.Equal(8, problems.Count);
        foreach (var problem in problems)
        {
            var score = await Score(problem, problem.CanonicalSolution);
            Assert.True(score.Passed, $"{problem.TaskId}: {score.Result}");
        }
    }

    [Theory]
    [InlineData("HumanEval/0", "    return True\n", "test 0 of 6")]                         // wrong on the first base input
    [InlineData("HumanEval/0", "    return False\n", "test 1 of 6")]                        // right on the first only
    [InlineData("HumanEval/2", "    return number - int(number) + 1e-3\n", "expected 0.5")]  // outside atol
    [InlineData("HumanEval/32", "    return 0.0\n", "is not a zero")]                        // find_zero's oracle
    public async Task A_wrong_completion_fails_naming_the_test(string taskId, string completion, string because)
    {
        var score = await Score(HumanEvalPlus.Single(p => p.TaskId == taskId), completion);

        Assert.False(score.Passed);
        Assert.Contains(because, score.Result, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_float_within_atol_passes()
    {
        var score = await Score(HumanEvalPlus.Single(p => p.TaskId == "HumanEval/2"), "    return number - int(number) + 1e-9\n");

        Assert.True(score.Passed, score.Result);
    }

    [Fact]
    public async Task A_plus_input_catches_what_the_base_inputs_miss()
    {
        // Right on MBPP's own asserts (2, 10, 35, 37) but wrong for 1, the first plus input.
        var completion = "def is_not_prime(n):\n    return any(n % i == 0 for i in range(2, int(n ** 0.5) + 1))\n";

        var plus = await Score(MbppPlus.Single(p => p.TaskId == "Mbpp/3"), completion);
        var original = await Score(Mbpp.Single(p => p.TaskId == "Mbpp/3"), completion);

        Assert.False(plus.Passed);
        Assert.Contains("test 4 of 9", plus.Result, StringComparison.Ordinal);
        Assert.True(original.Passed, original.Result);
    }

    [Theory]
    [InlineData("    import time\n    time.sleep(2)\n    return True\n")]
    [InlineData("    while True:\n        try:\n            pass\n        except Exception:\n            pass\n")]
    public async Task A_test_past_its_time_limit_fails(string completion)
    {
        // The canonical solution takes microseconds, so each test gets the minimum, 0.5 s.
        var score = await Score(HumanEvalPlus.Single(p => p.TaskId == "HumanEval/0"), completion);

        Assert.False(score.Passed);
        Assert.Contains("test 0 of 6: timed out after 0.500 s", score.Result, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_task_budget_caps_the_sum_of_the_tests()
    {
        // 0.4 s a test stays under the 0.5 s limit, but a 1 s budget leaves the third test only 0.2 s.
        var problem = EvalPlusLoader.Load(Sample("HumanEvalPlus-sample.jsonl"), EvalPlusFormat.HumanEvalPlus, Quick with { TaskBudget = 1.0 })
            .Single(p => p.TaskId == "HumanEval/0");
        var completion = "    import time\n    time.sleep(0.4)\n" + problem.CanonicalSolution;

        var score = await Score(problem, completion);

        Assert.False(score.Passed);
        Assert.Contains("test 2 of 6: timed out", score.Result, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mbpp_runs_the_asserts_of_its_test_list()
    {
        var problem = Mbpp.Single(p => p.TaskId == "Mbpp/4");

        var wrong = await Score(problem, "import heapq as hq\ndef heap_queue_largest(nums, n):\n    return sorted(nums)[:n]\n");

        Assert.False(wrong.Passed);
        Assert.StartsWith("failed: AssertionError", wrong.Result, StringComparison.Ordinal);
    }
}

using System.Text;
using EnergyGate.Core.Scoring;
using EnergyGate.Core.Suites;
using EnergyGate.Core.Suites.EvalPlus;
using EnergyGate.Core.Tests.Scoring;

namespace EnergyGate.Core.Tests.Suites.EvalPlus;

/// <summary>
/// MBPP+ records whose inputs JSON cannot hold (tuples, sets, complex numbers) and the special oracles, scored
/// in the real sandbox. The records are small stand-ins in MbppPlus-v0.2.0's shape: the task ids, entry points
/// and input encodings are EvalPlus's, the solutions and inputs cut down to what each rule needs.
/// </summary>
public sealed class MbppPlusRulesTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    private static readonly EvalPlusTiming Quick = new(MinTimeLimit: 0.5, GtTimeLimitFactor: 4.0, TaskBudget: 3.0);

    // One line per rule. Mbpp/2 takes two tuples (set comparison too), Mbpp/115 a list of sets (an empty
    // one is EvalPlus's {}), Mbpp/124 a float and a complex given as a string, Mbpp/580 nested tuples,
    // Mbpp/295 sum_div, Mbpp/164 are_equivalent, Mbpp/558 digit_distance_nums, and check_str (Mbpp/737),
    // whose reference returns a match object, so only "not None" is compared.
    private const string Records = """
        {"task_id": "Mbpp/2", "prompt": "\"\"\"\nA task.\n\"\"\"\n", "entry_point": "similar_elements", "canonical_solution": "def similar_elements(a, b):\n    assert isinstance(a, tuple) and isinstance(b, tuple)\n    return tuple(set(a) & set(b))\n", "base_input": [[[3, 4, 5, 6], [5, 7, 4, 10]]], "plus_input": [[[1, 2, 3], [3, 2, 9]]], "atol": 0}
        {"task_id": "Mbpp/115", "prompt": "\"\"\"\nA task.\n\"\"\"\n", "entry_point": "empty_dit", "canonical_solution": "def empty_dit(list1):\n    return all(not d for d in list1)\n", "base_input": [[[[], [], []]]], "plus_input": [[[[1, 2], []]]], "atol": 0}
        {"task_id": "Mbpp/124", "prompt": "\"\"\"\nA task.\n\"\"\"\n", "entry_point": "angle_complex", "canonical_solution": "import cmath\ndef angle_complex(a, b):\n    return cmath.phase(a + b)\n", "base_input": [[0, "1j"], [2, "1j"]], "plus_input": [[0.0, "(1+2j)"]], "atol": 0}
        {"task_id": "Mbpp/580", "prompt": "\"\"\"\nA task.\n\"\"\"\n", "entry_point": "extract_even", "canonical_solution": "def extract_even(t):\n    assert isinstance(t, tuple)\n    return tuple(extract_even(x) if isinstance(x, tuple) else x for x in t if isinstance(x, tuple) or x % 2 == 0)\n", "base_input": [[[4, 5, [7, 6, [2, 4]], 6, 8]]], "plus_input": [], "atol": 0}
        {"task_id": "Mbpp/295", "prompt": "\"\"\"\nA task.\n\"\"\"\n", "entry_point": "sum_div", "canonical_solution": "def sum_div(n):\n    return sum(i for i in range(1, n) if n % i == 0)\n", "base_input": [[8], [12]], "plus_input": [[7]], "atol": 0}
        {"task_id": "Mbpp/164", "prompt": "\"\"\"\nA task.\n\"\"\"\n", "entry_point": "are_equivalent", "canonical_solution": "def are_equivalent(a, b):\n    return a == b\n", "base_input": [[36, 57]], "plus_input": [[2, 4]], "atol": 0}
        {"task_id": "Mbpp/558", "prompt": "\"\"\"\nA task.\n\"\"\"\n", "entry_point": "digit_distance_nums", "canonical_solution": "def digit_distance_nums(a, b):\n    return sum(abs(int(x) - int(y)) for x, y in zip(str(a), str(b)))\n", "base_input": [[123, 256]], "plus_input": [[123, 45]], "atol": 0}
        {"task_id": "Mbpp/737", "prompt": "\"\"\"\nA task.\n\"\"\"\n", "entry_point": "check_str", "canonical_solution": "import re\ndef check_str(s):\n    return re.search('^[aeiouAEIOU][A-Za-z0-9_]*', s)\n", "base_input": [["annie"], ["dawood"]], "plus_input": [["Else"]], "atol": 0}

        """;

    private static IReadOnlyList<CodeProblem> Problems =>
        EvalPlusLoader.Load(new MemoryStream(Encoding.UTF8.GetBytes(Records)), "mbpp-plus-rules.jsonl", EvalPlusFormat.MbppPlus, Quick);

    private async Task<TaskScore> Score(string taskId, string completion) =>
        await SandboxScorer.Instance.ScoreAsync(Problems.Single(p => p.TaskId == taskId), completion, sandbox.Executor);

    [Fact]
    public async Task Canonical_solutions_get_tuples_sets_and_complex_numbers_as_evalplus_rebuilds_them()
    {
        // Each solution asserts or uses the rebuilt type: with the raw JSON lists they would fail or differ.
        foreach (var problem in Problems)
        {
            var score = await SandboxScorer.Instance.ScoreAsync(problem, problem.CanonicalSolution, sandbox.Executor);
            Assert.True(score.Passed, $"{problem.TaskId}: {score.Result}");
        }
    }

    [Theory]
    [InlineData("Mbpp/2", "def similar_elements(a, b):\n    return tuple(sorted(set(b) & set(a), reverse=True))\n", true)]    // order is not compared
    [InlineData("Mbpp/2", "def similar_elements(a, b):\n    return (a[0],)\n", false)]
    [InlineData("Mbpp/295", "def sum_div(n):\n    return 0\n", true)]                                                          // EvalPlus also accepts 0
    [InlineData("Mbpp/295", "def sum_div(n):\n    return 1\n", false)]
    [InlineData("Mbpp/164", "def are_equivalent(a, b):\n    return None\n", true)]                                               // always passes
    [InlineData("Mbpp/558", "def digit_distance_nums(a, b):\n    x, y = str(a).zfill(3), str(b).zfill(3)\n    return sum(abs(int(p) - int(q)) for p, q in zip(x, y))\n", true)]   // the oracle's reading
    [InlineData("Mbpp/558", "def digit_distance_nums(a, b):\n    return 99\n", false)]
    [InlineData("Mbpp/737", "def check_str(s):\n    return s if s[0] in 'aeiouAEIOU' else None\n", true)]                  // something, not a match object
    [InlineData("Mbpp/737", "def check_str(s):\n    return s[0] in 'aeiouAEIOU'\n", true)]                                  // a bool is compared as the verdict
    [InlineData("Mbpp/737", "def check_str(s):\n    return s\n", false)]
    [InlineData("Mbpp/124", "def angle_complex(a, b):\n    return 0.0\n", false)]
    public async Task Special_oracles_judge_as_evalplus_does(string taskId, string completion, bool passes)
    {
        var score = await Score(taskId, completion);
        Assert.True(score.Passed == passes, $"{taskId}: {score.Result}");
    }

    [Theory]
    [InlineData("Mbpp/2", 2)]
    [InlineData("Mbpp/809", 809)]
    [InlineData("Mbpp/x", null)]
    [InlineData("HumanEval/2", null)]
    public void Task_numbers_come_from_mbpp_ids_only(string taskId, int? number) =>
        Assert.Equal(number, MbppPlusRules.TaskNumber(taskId));
}

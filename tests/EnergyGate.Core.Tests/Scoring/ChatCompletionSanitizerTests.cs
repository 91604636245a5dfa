using EnergyGate.Core.Scoring;
using EnergyGate.Core.Scoring.Sanitizing;
using EnergyGate.Core.Suites;

namespace EnergyGate.Core.Tests.Scoring;

/// <summary>EvalPlus-style extraction of the solution from an instruct model's markdown answer.</summary>
public sealed class ChatCompletionSanitizerTests
{
    [Fact]
    public void Fenced_block_with_leading_prose_is_extracted()
    {
        var answer = "Sure! Here is the function:\n\n```python\ndef add(a, b):\n    return a + b\n```\n\nIt adds the numbers.";
        Assert.Equal("def add(a, b):\n    return a + b\n", ChatCompletionSanitizer.Sanitize(answer, "add"));
    }

    [Fact]
    public void Of_several_blocks_the_one_defining_the_entry_point_is_used()
    {
        var answer = "Usage:\n```python\nprint(add(1, 2))\nprint(add(3, 4))\nprint(add(5, 6))\n```\nCode:\n```python\ndef add(a, b):\n    return a + b\n```\n";
        Assert.Equal("def add(a, b):\n    return a + b\n", ChatCompletionSanitizer.Sanitize(answer, "add"));
    }

    [Fact]
    public void Main_blocks_prints_asserts_and_unused_code_are_dropped_while_imports_and_helpers_stay()
    {
        var answer = """"
            ```python
            import math
            from typing import List

            LIMIT = 10

            @staticmethod_like
            def _square(x):
                return x * x  # uses no helper


            def unused():
                return 0

            class Box:
                def __init__(self, v):
                    self.v = v

            def total(xs: List[int]) -> int:
                """Sum of squares, capped.

                unused() is mentioned only in this docstring.
                """
                result = sum(_square(Box(x).v) for x in xs)
                return min(result, LIMIT * (
                    1
                ))

            print(total([1, 2]))
            assert total([1]) == 1

            if __name__ == "__main__":
                print(total([3]))
            else:
                pass
            ```
            """";
        var expected = """"
            import math
            from typing import List
            LIMIT = 10
            @staticmethod_like
            def _square(x):
                return x * x  # uses no helper
            class Box:
                def __init__(self, v):
                    self.v = v
            def total(xs: List[int]) -> int:
                """Sum of squares, capped.

                unused() is mentioned only in this docstring.
                """
                result = sum(_square(Box(x).v) for x in xs)
                return min(result, LIMIT * (
                    1
                ))

            """";
        Assert.Equal(expected, ChatCompletionSanitizer.Sanitize(answer, "total"));
    }

    [Fact]
    public void Answer_continuing_an_opened_fence_ends_at_the_closing_fence()
    {
        // The EvalPlus prompt ends with "```python\n": the model writes code, then closes the fence and chats on.
        var answer = "def add(a, b):\n    return a + b\n```\n\nThis works because ...\n```python\nprint(add(1, 2))\n```\n";
        Assert.Equal("def add(a, b):\n    return a + b\n", ChatCompletionSanitizer.Sanitize(answer, "add"));
    }

    [Fact]
    public void Plain_code_without_fences_is_sanitized_too()
    {
        Assert.Equal("def f():\n    return 1\n", ChatCompletionSanitizer.Sanitize("def f():\n    return 1\nprint(f())\n", "f"));
    }

    [Fact]
    public void Missing_entry_point_keeps_only_imports()
    {
        Assert.Equal("import os\n", ChatCompletionSanitizer.Sanitize("```python\nimport os\ndef other():\n    pass\n```", "wanted"));
    }
}

/// <summary>A chat answer (markdown with a correct solution) passes in the real sandbox; the prompt is not prepended.</summary>
public sealed class ChatAnswerScoringTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    private static readonly CodeProblem Problem = new(
        "Test/chat",
        "def add_one(x):\n    \"\"\"Return x + 1.\"\"\"\n",
        "add_one",
        "    return x + 1\n",
        "def check(candidate):\n    assert candidate(1) == 2\n    assert candidate(-1) == 0\n");

    [Fact]
    public async Task Markdown_answer_with_a_correct_solution_passes()
    {
        var answer = "Here you go:\n```python\ndef _inc(v):\n    return v + 1\n\ndef add_one(x):\n    return _inc(x)\n\nif __name__ == '__main__':\n    raise SystemExit(1)\n```\nDone.";
        var result = await sandbox.Executor.ExecuteAsync(HumanEvalChatProgram.Build(Problem, answer));
        Assert.Equal(SampleOutcome.Passed, result.Outcome);
    }

    [Fact]
    public async Task Markdown_answer_with_a_wrong_solution_fails()
    {
        var result = await sandbox.Executor.ExecuteAsync(HumanEvalChatProgram.Build(Problem, "```python\ndef add_one(x):\n    return x\n```"));
        Assert.Equal(SampleOutcome.Failed, result.Outcome);
    }
}

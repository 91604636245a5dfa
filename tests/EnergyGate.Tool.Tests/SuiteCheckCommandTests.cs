namespace EnergyGate.Tool.Tests;

/// <summary>`suite check FILE` and `run --check-suite` on private problem files, through the real tool and sandbox.</summary>
public sealed class SuiteCheckCommandTests : IDisposable
{
    private const string Good = """{"task_id": "Mine/1", "prompt": "def one():\n", "entry_point": "one", "canonical_solution": "    return 1\n", "test": "def check(c):\n    assert c() == 1\n"}""";
    private const string Broken = """{"task_id": "Mine/2", "prompt": "def two():\n", "entry_point": "two", "canonical_solution": "    return 2\n", "test": "def check(c):\n    assert c() == 3, 'typo in the test'\n"}""";

    private readonly string _root = Directory.CreateTempSubdirectory("energygate-suitecheck-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_root, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public async Task Passes_a_file_whose_canonical_solutions_pass_in_each_format()
    {
        var samples = Path.Combine(ToolRunner.RepoRoot, "tests", "TestData", "EvalPlus");
        foreach (var (file, kind, count) in new[] { ("mbpp-sample.jsonl", "mbpp", 3), ("MbppPlus-sample.jsonl", "mbpp-plus", 2), ("HumanEvalPlus-sample.jsonl", "humaneval-plus", 3) })
        {
            var run = await ToolRunner.RunAsync("suite", "check", Path.Combine(samples, file), "--kind", kind);

            Assert.True(run.ExitCode == 0, run.Error);
            Assert.Contains($"{count} {kind} tasks; every canonical solution passes its tests", run.Output, StringComparison.Ordinal);
        }
        var mine = await ToolRunner.RunAsync("suite", "check", Write("mine.jsonl", Good + "\n"));
        Assert.True(mine.ExitCode == 0, mine.Error);
    }

    [Fact]
    public async Task Fails_listing_the_tasks_whose_canonical_solution_does_not_pass()
    {
        var path = Write("mine.jsonl", Good + "\n" + Broken + "\n");

        var run = await ToolRunner.RunAsync("suite", "check", path, "--kind", "humaneval");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"{path}: the canonical solution of 1 of 2 tasks does not pass its tests:", run.Error, StringComparison.Ordinal);
        Assert.Contains("Mine/2: failed: AssertionError: typo in the test", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Mine/1:", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_line_is_named_before_anything_runs()
    {
        var path = Write("mine.jsonl", Good + "\n" + Good.Replace("Mine/1", "Mine/3", StringComparison.Ordinal).Replace(", \"test\": \"def check(c):\\n    assert c() == 1\\n\"", "", StringComparison.Ordinal) + "\n");

        var run = await ToolRunner.RunAsync("suite", "check", path);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"{path}:2: missing field `test`", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_with_check_suite_stops_before_measuring_when_a_private_suite_is_broken()
    {
        var problems = Write("mine.jsonl", Good + "\n" + Broken + "\n");
        var config = Write("energygate.yml", $"""
            version: 1
            models:
              - name: tiny
                source: builtin:tiny
            runtimes:
              - runtime: onnx
                provider: cpu
            suites:
              - name: humaneval
                file: {problems}
            """);
        var results = Path.Combine(_root, "results.jsonl");

        var run = await ToolRunner.RunAsync("run", "--config", config, "--check-suite", "--results", results, "--cache-dir", Path.Combine(_root, "cache"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"suite `humaneval` ({problems}): the canonical solution of 1 of 2 tasks does not pass its tests:", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(results));
    }
}

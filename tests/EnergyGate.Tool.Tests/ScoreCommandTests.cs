using System.Text.Json;

namespace EnergyGate.Tool.Tests;

public sealed class ScoreCommandTests
{
    [Fact]
    public async Task Reference_self_test_on_the_smoke_suite_passes_as_json()
    {
        var run = await ToolRunner.RunAsync("score", "smoke", "--reference", "--format", "json", "--workers", "2");
        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        Assert.Equal(12, json.RootElement.GetProperty("passed").GetInt32());
        Assert.Equal(1.0, json.RootElement.GetProperty("pass_at_k").GetProperty("pass@1").GetDouble());
    }

    [Fact]
    public async Task Scores_a_humaneval_samples_file_and_writes_results_next_to_it()
    {
        var dir = Directory.CreateTempSubdirectory("energygate-tool-test-").FullName;
        try
        {
            var samples = Path.Combine(dir, "samples.jsonl");
            await File.WriteAllLinesAsync(samples,
            [
                """{"task_id": "HumanEval/2", "completion": "    return number % 1.0\n", "model": "m"}""",
                """{"task_id": "HumanEval/2", "completion": "    return 0.0\n"}""",
                """{"task_id": "HumanEval/4", "completion": "    while True:\n        pass\n"}""",
            ]);
            var run = await ToolRunner.RunAsync("score", "humaneval", "--samples", samples, "--data-dir", ToolRunner.HumanEvalDir, "--k", "1,2", "--timeout", "1");
            Assert.Equal(0, run.ExitCode);
            Assert.Contains("passed 1, failed 1, timed out 1", run.Output, StringComparison.Ordinal);
            Assert.Contains("pass@1 = 0.2500", run.Output, StringComparison.Ordinal);        // (1/2 + 0/1) / 2
            Assert.Contains("not reported: pass@2", run.Output, StringComparison.Ordinal);
            Assert.Contains("162 problems had no samples", run.Output, StringComparison.Ordinal);
            var results = await File.ReadAllLinesAsync(samples + "_results.jsonl");
            Assert.Equal(3, results.Length);
            Assert.Contains("\"model\":\"m\",\"result\":\"passed\",\"passed\":true", results[0], StringComparison.Ordinal);
            Assert.Contains("\"result\":\"timed out\"", results[2], StringComparison.Ordinal);
            Assert.False(File.Exists(samples + "_results.jsonl.partial"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Needs_samples_or_reference_and_says_so_without_a_stack_trace()
    {
        var run = await ToolRunner.RunAsync("score", "smoke");
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("energygate: error: give exactly one of --samples FILE or --reference.", run.Error.Trim());
    }

    [Fact]
    public async Task Unknown_task_id_is_an_error_naming_the_line()
    {
        var dir = Directory.CreateTempSubdirectory("energygate-tool-test-").FullName;
        try
        {
            var samples = Path.Combine(dir, "samples.jsonl");
            await File.WriteAllTextAsync(samples, """{"task_id": "Smoke/999", "completion": ""}""" + "\n");
            var run = await ToolRunner.RunAsync("score", "smoke", "--samples", samples);
            Assert.Equal(2, run.ExitCode);
            Assert.Contains("line 1: 'Smoke/999'", run.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task A_bad_config_file_is_reported_with_its_position()
    {
        var dir = Directory.CreateTempSubdirectory("energygate-tool-test-").FullName;
        try
        {
            var config = Path.Combine(dir, "energygate.yml");
            await File.WriteAllTextAsync(config, "version: 1\nsandbx:\n  timeout: 3\n");
            var run = await ToolRunner.RunAsync("score", "smoke", "--reference", "--config", config);
            Assert.Equal(2, run.ExitCode);
            Assert.Contains("energygate.yml:2:1", run.Error, StringComparison.Ordinal);
            Assert.Contains("did you mean `sandbox`?", run.Error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Theory]
    [InlineData("0,1")]
    [InlineData("one")]
    public async Task Bad_k_values_are_usage_errors(string k)
    {
        var run = await ToolRunner.RunAsync("score", "smoke", "--reference", "--k", k);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--k: expected comma-separated positive integers", run.Error, StringComparison.Ordinal);
    }
}

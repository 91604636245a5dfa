using System.Text.Json;

namespace EnergyGate.Tool.Tests;

/// <summary>
/// <c>score longbench</c> end to end; the expected numbers are what LongBench's eval.py printed for the
/// same lines (tests/TestData/longbench/make_code_sim_fixtures.py's scorer and scorer_e).
/// </summary>
public sealed class ScoreLongBenchTests : IDisposable
{
    private static readonly string[] Lines =
    [
        """{"pred": "\n    return sorted(set(numbers))\n", "answers": ["    return sorted(set(numbers))"], "all_classes": null, "length": 1200}""",
        """{"pred": "```java\n        for (int i = 0; i < n; i++) {\n", "answers": ["        for (int j = 0; j < n; j++) {"], "all_classes": null, "length": 5000}""",
        """{"pred": "# todo\n", "answers": ["x = 1"], "all_classes": null, "length": 9000}""",
        """{"pred": "        var items = source.ToList();", "answers": ["            var items = source.Where(x => x.IsValid).ToList();", "        var items = source.ToList();x"], "all_classes": null, "length": 3999}""",
    ];

    private readonly string _dir = Directory.CreateTempSubdirectory("energygate-tool-test-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, params string[] lines)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllLines(path, lines);
        return path;
    }

    [Fact]
    public async Task Prints_the_task_score_like_eval_py_naming_the_dataset_from_the_file()
    {
        var run = await ToolRunner.RunAsync("score", "longbench", "--predictions", Write("lcc.jsonl", Lines));
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("lcc: 72.75", run.Output.Trim());
    }

    [Fact]
    public async Task LongBench_E_prints_the_length_buckets()
    {
        var run = await ToolRunner.RunAsync("score", "longbench", "--predictions", Write("preds.jsonl", Lines), "--dataset", "repobench-p", "--e");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("repobench-p: {'0-4k': 99.5, '4-8k': 92.0, '8k+': 0.0}", run.Output.Trim());
    }

    [Fact]
    public async Task Json_output_has_the_score_and_null_for_an_empty_bucket()
    {
        var run = await ToolRunner.RunAsync("score", "longbench", "--predictions", Write("lcc.jsonl", Lines[..2]), "--e", "--format", "json");
        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        var root = json.RootElement;
        Assert.Equal("lcc", root.GetProperty("dataset").GetString());
        Assert.Equal(2, root.GetProperty("predictions").GetInt32());
        Assert.Equal(96.0, root.GetProperty("score").GetDouble());
        var buckets = root.GetProperty("length_buckets");
        Assert.Equal(100.0, buckets.GetProperty("0-4k").GetDouble());
        Assert.Equal(92.0, buckets.GetProperty("4-8k").GetDouble());
        Assert.Equal(JsonValueKind.Null, buckets.GetProperty("8k+").ValueKind);
    }

    [Fact]
    public async Task A_malformed_line_is_a_usage_error_naming_line_and_field()
    {
        var path = Write("lcc.jsonl", Lines[0], """{"pred": "x", "answers": [1]}""");
        var run = await ToolRunner.RunAsync("score", "longbench", "--predictions", path);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("lcc.jsonl:2: field `answers` must hold only strings", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unrecognised_file_name_asks_for_dataset()
    {
        var run = await ToolRunner.RunAsync("score", "longbench", "--predictions", Write("out.jsonl", Lines));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("give --dataset lcc or --dataset repobench-p", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Predictions_are_required()
    {
        var run = await ToolRunner.RunAsync("score", "longbench");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--predictions", run.Error, StringComparison.Ordinal);
    }
}

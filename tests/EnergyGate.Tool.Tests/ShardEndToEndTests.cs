using System.Text.Json;

namespace EnergyGate.Tool.Tests;

/// <summary>
/// Scaling out on the tiny model: the plan measured as two shards (one by `run --shard`, one by
/// `check --shard`) and merged holds exactly the samples of the plan measured whole (here in two
/// rounds appended with --resume), and the merged file gates like an unsharded run.
/// </summary>
public sealed class ShardEndToEndTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("energygate-shard-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Config()
    {
        var path = Path.Combine(_dir, "energygate.yml");
        File.WriteAllText(path, """
            version: 1
            cache-dir: cache
            models:
              - name: tiny
                source: builtin:tiny
            runtimes:
              - runtime: onnx
                provider: cpu
                threads: 1
            measurement:
              repetitions: 2
              warmup: 1
              idle-seconds: 0
            decoding:
              max-new-tokens: 8
            suites:
              - name: smoke
                limit: 4
              - name: smoke-lcc
                limit: 2
            gate:
              warn: 50%
              fail: 100%
            """);
        return path;
    }

    private static async Task<ToolRunner.Run> Ok(params string[] args)
    {
        var run = await ToolRunner.RunAsync(args);
        Assert.True(run.ExitCode == 0, $"{string.Join(' ', args)}: {run.Output}{run.Error}");
        return run;
    }

    private static async Task<(HashSet<string> Samples, HashSet<string> Scores)> Keys(string results)
    {
        var samples = new HashSet<string>();
        var scores = new HashSet<string>();
        foreach (var line in await File.ReadAllLinesAsync(results))
        {
            var record = JsonDocument.Parse(line).RootElement;
            var type = record.GetProperty("type").GetString();
            if (type is "sample" or "score")
            {
                var key = $"{record.GetProperty("cell").GetString()}|{record.GetProperty("repetition").GetInt32()}|{record.GetProperty("task_id").GetString()}|{record.GetProperty("sample_index").GetInt32()}";
                Assert.True((type == "sample" ? samples : scores).Add(key), $"{key} twice in {results}");
            }
        }
        return (samples, scores);
    }

    [Fact]
    public async Task Two_shards_merged_hold_the_whole_plan_and_gate_like_it()
    {
        var config = Config();
        var whole = Path.Combine(_dir, "whole.jsonl");
        await Ok("run", "--config", config, "--results", whole, "--round", "1/2");
        var second = await Ok("run", "--config", config, "--results", whole, "--round", "2/2", "--resume");
        Assert.Contains("round 2/2: repetitions 2 of 2", second.Output, StringComparison.Ordinal);

        var shard1 = Path.Combine(_dir, "s1.jsonl");
        var first = await Ok("run", "--config", config, "--results", shard1, "--shard", "1/2");
        Assert.Contains("shard 1/2: ", first.Output, StringComparison.Ordinal);
        var shardsDir = Path.Combine(_dir, "shards");
        var checkShard = await Ok("check", "--config", config, "--shard", "2/2", "--results-dir", shardsDir);
        Assert.Contains("Shard 2/2 recorded, not gated", checkShard.Output, StringComparison.Ordinal);
        var shard2 = Path.Combine(shardsDir, "shard-2-of-2.jsonl");

        var unmerged = await ToolRunner.RunAsync("check", "--config", config, "--results", shard1, "--report", Path.Combine(_dir, "u.md"));
        Assert.Equal(2, unmerged.ExitCode);
        Assert.Contains("EG2041", unmerged.Error, StringComparison.Ordinal);

        var merged = Path.Combine(_dir, "merged.jsonl");
        var merge = await Ok("merge", shard2, shard1, "--out", merged);
        Assert.Contains("Merged 2 shard(s): 6 work units, 12 samples", merge.Output, StringComparison.Ordinal);

        var wholeKeys = await Keys(whole);
        var mergedKeys = await Keys(merged);
        Assert.Equal(12, wholeKeys.Samples.Count);
        Assert.Equal(wholeKeys.Samples, mergedKeys.Samples);
        Assert.Equal(wholeKeys.Scores, mergedKeys.Scores);
        var (s1, _) = await Keys(shard1);
        var (s2, _) = await Keys(shard2);
        Assert.NotEmpty(s1);
        Assert.NotEmpty(s2);

        await Ok("baseline", "update", "--config", config, "--results", whole);
        var check = await Ok("check", "--config", config, "--results", merged, "--fail-on", "never", "--report", Path.Combine(_dir, "m.md"));
        Assert.DoesNotContain("EG1005", check.Output, StringComparison.Ordinal);   // both cells found their baselines
        Assert.Contains("2 cells", check.Output.Split('\n')[0], StringComparison.Ordinal);
        var report = await File.ReadAllTextAsync(Path.Combine(_dir, "m.md"));
        Assert.Contains("smoke/tiny/onnx/cpu", report, StringComparison.Ordinal);
        Assert.Contains("smoke-lcc/tiny/onnx/cpu", report, StringComparison.Ordinal);
        await Ok("report", merged, "--config", config, "--report", Path.Combine(_dir, "r.md"));

        var again = await ToolRunner.RunAsync("merge", shard1, "--out", Path.Combine(_dir, "half.jsonl"));
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("shard 2/2 missing; have 1/2", again.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_shard_outside_one_to_n_is_a_usage_error()
    {
        var run = await ToolRunner.RunAsync("run", "--config", Config(), "--shard", "3/2");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--shard 3/2: I must be 1..N", run.Error, StringComparison.Ordinal);
    }
}

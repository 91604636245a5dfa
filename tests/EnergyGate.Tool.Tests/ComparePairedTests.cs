namespace EnergyGate.Tool.Tests;

/// <summary>
/// <c>compare --paired</c> and <c>baseline update</c>'s run history end to end on the built-in tiny
/// model: base and head recorded in alternating rounds from one plan compare pair by pair; files of
/// different plans are refused (EG2058); a second update keeps the first run in the history.
/// </summary>
public sealed class ComparePairedTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("energygate-paired-").FullName;

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
              repetitions: 4
              warmup: 1
              idle-seconds: 0
            decoding:
              max-new-tokens: 16
            suites:
              - name: smoke
                limit: 3
            """);
        return path;
    }

    [Fact]
    public async Task Rounds_of_one_plan_compare_paired_and_other_plans_are_refused()
    {
        var config = Config();
        var (baseResults, headResults) = (Path.Combine(_dir, "base.jsonl"), Path.Combine(_dir, "head.jsonl"));
        foreach (var round in new[] { "1/2", "2/2" })
        {
            foreach (var file in new[] { baseResults, headResults })
            {
                var args = new List<string> { "run", "--config", config, "--results", file, "--round", round };
                if (round != "1/2")
                {
                    args.Add("--resume");
                }
                var run = await ToolRunner.RunAsync([.. args]);
                Assert.True(run.ExitCode == 0, run.Output + run.Error);
            }
        }
        var paired = await ToolRunner.RunAsync("compare", "--paired", baseResults, headResults, "--config", config, "--report", Path.Combine(_dir, "p.md"),
            "--fail-on", "never");
        Assert.True(paired.ExitCode == 0, paired.Output + paired.Error);
        Assert.Contains("paired, 4 pairs", await File.ReadAllTextAsync(Path.Combine(_dir, "p.md")), StringComparison.Ordinal);

        var other = Path.Combine(_dir, "other.jsonl");
        Assert.Equal(0, (await ToolRunner.RunAsync("run", "--config", config, "--results", other, "--repetitions", "3")).ExitCode);
        var refused = await ToolRunner.RunAsync("compare", "--paired", baseResults, other, "--config", config, "--report", Path.Combine(_dir, "r.md"));
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("EG2058", refused.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_baseline_update_keeps_the_first_run_in_the_history()
    {
        var config = Config();
        Assert.Equal(0, (await ToolRunner.RunAsync("baseline", "update", "--config", config)).ExitCode);
        Assert.Equal(0, (await ToolRunner.RunAsync("baseline", "update", "--config", config)).ExitCode);
        var file = Assert.Single(Directory.GetFiles(Path.Combine(_dir, "baselines"), "*.json", SearchOption.AllDirectories));
        var json = await File.ReadAllTextAsync(file);
        Assert.Contains("\"schema_version\": 2", json, StringComparison.Ordinal);
        Assert.Contains("\"history\": [", json, StringComparison.Ordinal);
    }
}

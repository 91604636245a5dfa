using System.Text.Json;
using System.Text.Json.Nodes;
using EnergyGate.Core.Suites.Smoke;

namespace EnergyGate.Tool.Tests;

/// <summary>A private suite with a name of its own (<c>kind:</c>) runs, is scored by its kind's rules and is recorded under its name.</summary>
public sealed class OwnSuiteNameEndToEndTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("energygate-own-suite-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task A_humaneval_file_named_team_a_gives_team_a_cells_and_suite_hash()
    {
        var file = Path.Combine(_dir, "team-a.jsonl");
        await File.WriteAllLinesAsync(file, SmokeSuite.Load().Take(2).Select(p => new JsonObject
        {
            ["task_id"] = "TeamA/" + p.TaskId, ["prompt"] = p.Prompt, ["entry_point"] = p.EntryPoint,
            ["canonical_solution"] = p.CanonicalSolution, ["test"] = p.Test,
        }.ToJsonString()));
        var config = Path.Combine(_dir, "energygate.yml");
        await File.WriteAllTextAsync(config, """
            version: 1
            cache-dir: cache
            suites:
              - name: team-a
                kind: humaneval
                file: team-a.jsonl
            measurement:
              repetitions: 1
              warmup: 0
              idle-seconds: 0
            decoding:
              max-new-tokens: 8

            """);
        var results = Path.Combine(_dir, "run.jsonl");

        var run = await ToolRunner.RunAsync("run", "--config", config, "--results", results, "--check-suite");

        Assert.True(run.ExitCode == 0, run.Error);
        var lines = (await File.ReadAllLinesAsync(results)).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["team-a/tiny/onnx/cpu"], lines[0].GetProperty("cells").EnumerateArray().Select(c => c.GetString()));
        Assert.True(lines[0].GetProperty("fingerprint").TryGetProperty("suite.team-a.sha256", out _));
        var scored = lines.Where(l => l.GetProperty("type").GetString() == "score").Select(l => l.GetProperty("task_id").GetString()).Order();
        Assert.Equal(["TeamA/Smoke/0", "TeamA/Smoke/1"], scored);
    }
}

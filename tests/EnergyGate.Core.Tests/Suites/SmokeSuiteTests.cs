using System.Diagnostics;
using System.Text.Json;
using EnergyGate.Core.Suites.HumanEval;
using EnergyGate.Core.Suites.Smoke;
using EnergyGate.Core.Tests.TestSupport;

namespace EnergyGate.Core.Tests.Suites;

public sealed class SmokeSuiteTests
{
    // Builds each program the way the HumanEval harness does, then runs it with the reference body
    // and with an empty one: the tests must accept the first and reject the second.
    private const string Driver = """
        import json, sys
        for p in json.load(open(sys.argv[1])):
            for kind, body in (("canonical", p["canonical_solution"]), ("empty", "    pass\n")):
                program = p["prompt"] + body + "\n" + p["test"] + "\n" + "check(%s)\n" % p["entry_point"]
                try:
                    exec(compile(program, p["task_id"], "exec"), {"__name__": "__smoke__"})
                    outcome = "pass"
                except BaseException as e:
                    outcome = "fail"
                print(p["task_id"], kind, outcome)
        """;

    [Fact]
    public void LoadsTwelveWellFormedProblems()
    {
        var problems = SmokeSuite.Load();

        Assert.Equal(12, problems.Count);
        Assert.Equal(Enumerable.Range(0, 12).Select(i => $"Smoke/{i}"), problems.Select(p => p.TaskId));
        Assert.All(problems, p =>
        {
            Assert.Contains($"def {p.EntryPoint}(", p.Prompt, StringComparison.Ordinal);
            Assert.Contains("\"\"\"", p.Prompt, StringComparison.Ordinal);
            Assert.EndsWith("\n", p.Prompt, StringComparison.Ordinal);
            Assert.StartsWith("    ", p.CanonicalSolution, StringComparison.Ordinal);
            Assert.Contains("def check(candidate):", p.Test, StringComparison.Ordinal);
            Assert.True(p.Test.Split("assert ").Length > 3, $"{p.TaskId} needs several asserts");
        });
    }

    [Fact]
    public void NoEntryPointCollidesWithHumanEval()
    {
        var humanEval = HumanEvalLoader.Load(RepoPaths.HumanEvalFile).Select(p => p.EntryPoint).ToHashSet();

        Assert.All(SmokeSuite.Load(), p => Assert.DoesNotContain(p.EntryPoint, humanEval));
    }

    [Fact]
    public async Task CanonicalSolutionsPassAndEmptyBodiesFailInPython()
    {
        var problems = SmokeSuite.Load();
        using var dir = new TempDir();
        var data = dir.File("smoke.json");
        var driver = dir.File("driver.py");
        await File.WriteAllTextAsync(data, JsonSerializer.Serialize(problems.Select(p => new Dictionary<string, string>
        {
            ["task_id"] = p.TaskId, ["prompt"] = p.Prompt, ["entry_point"] = p.EntryPoint,
            ["canonical_solution"] = p.CanonicalSolution, ["test"] = p.Test,
        })));
        await File.WriteAllTextAsync(driver, Driver);

        var output = await RunPython(driver, data);

        var expected = problems.SelectMany(p => new[] { $"{p.TaskId} canonical pass", $"{p.TaskId} empty fail" });
        Assert.Equal(expected, output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    private static async Task<string> RunPython(params string[] args)
    {
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"python3 exited {process.ExitCode}: {await stderr}");
        return await stdout;
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using EnergyGate.Core.Configuration;
using EnergyGate.Core.Generation;
using EnergyGate.Core.Measurement;
using EnergyGate.Core.Models;
using EnergyGate.Core.Runtimes;
using EnergyGate.Core.Suites.Smoke;

namespace EnergyGate.Tool.Tests.Serving;

/// <summary>
/// The two halves of serving against each other: `serve` in a process of its own (batching on
/// onnx/cpu) and a plan with `runtime: openai` at concurrency 4 measuring it, its energy the CPU-time
/// estimate over the server's process tree.
/// </summary>
public sealed partial class ServedPlanEndToEndTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("energygate-served-plan-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [UnixFact]
    public async Task A_plan_against_serve_records_every_sample_with_phases_greedy_completions_and_the_servers_energy()
    {
        var cache = Path.Combine(_dir, "cache");
        using var server = StartServe("--model", "builtin:tiny", "--runtime", "onnx", "--provider", "cpu", "--threads", "1", "--max-batch", "4", "--cache-dir", cache);
        try
        {
            var url = await StartupUrlAsync(server);
            var config = Path.Combine(_dir, "energygate.yml");
            await File.WriteAllTextAsync(config, string.Create(CultureInfo.InvariantCulture, $"""
                version: 1
                models:
                  - {"{"}name: tiny, source: builtin:tiny{"}"}
                runtimes:
                  - {"{"}runtime: openai, provider: remote, base-url: "{url}", concurrency: 4, server-pid: {server.Id}{"}"}
                measurement: {"{"}meter: estimate, repetitions: 1, warmup: 0, idle-seconds: 0{"}"}
                decoding: {"{"}max-new-tokens: 16{"}"}
                suites:
                  - name: smoke
                """));
            var results = Path.Combine(_dir, "run.jsonl");

            var run = await ToolRunner.RunAsync("run", "--config", config, "--results", results, "--cache-dir", cache);

            Assert.True(run.ExitCode == 0, run.Output + run.Error);
            var journal = await ResultsJournal.ReadAsync(results);
            var samples = journal.Records.OfType<SampleRecord>().ToList();
            Assert.Equal(SmokeSuite.Load().Count, samples.Count);
            Assert.Contains(journal.Records.OfType<RunHeader>().Single().Meters, m => m.Contains($"server process tree CPU time (pid {server.Id})", StringComparison.Ordinal));
            var expected = await GreedyAsync(cache, [.. samples.Select(s => s.TaskId)]);
            foreach (var s in samples)
            {
                Assert.Equal(expected[s.TaskId], s.Completion);
                Assert.True(s.TtftSeconds > 0 && s.PrefillSeconds > 0, $"{s.TaskId}: no prefill phase");
                Assert.True(s.GeneratedTokens == 1 || s.DecodeSeconds > 0, $"{s.TaskId}: {s.GeneratedTokens} tokens but no decode phase");
                Assert.Equal("Estimated", s.EnergyKind);
                Assert.True(s.BatchOccupancy >= 1, $"{s.TaskId}: occupancy {s.BatchOccupancy}");
            }
            // Four requests were in flight at once: some sample shared its intervals with others.
            Assert.Contains(samples, s => s.BatchOccupancy > 1.5);
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
    }

    /// <summary>What Core's one-sequence generator gives in process on the same model, with the plan's decoding settings.</summary>
    private static async Task<Dictionary<string, string>> GreedyAsync(string cache, IReadOnlyList<string> taskIds)
    {
        var factory = RuntimeRegistry.Get("onnx");
        var runtime = RuntimeSettings.OnnxCpu with { Threads = 1 };
        var loaded = LoadedModel.Load(await ModelLocator.LocateAsync(ModelSettings.BuiltinTiny, cache), factory);
        using var session = factory.Open(factory.PrepareModel(loaded.Model, runtime), runtime);
        var settings = new GenerationSettings { MaxNewTokens = 16, StopStrings = GenerationSettings.HumanEvalStopStrings };
        return SmokeSuite.Load().Where(p => taskIds.Contains(p.TaskId))
            .ToDictionary(p => p.TaskId, p => new Generator().Generate(session, loaded.Tokenizer, p.Prompt, settings).Completion);
    }

    private static Process StartServe(params string[] args)
    {
        var tool = Path.Combine(AppContext.BaseDirectory, "dotnet-energygate.dll");
        var info = new ProcessStartInfo("dotnet", [tool, "serve", "--host", "127.0.0.1", "--port", "0", .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        return Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
    }

    private static async Task<string> StartupUrlAsync(Process server)
    {
        // Loading the model takes seconds on a busy machine; the bound is only against a hang.
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var line = await server.StandardOutput.ReadLineAsync(deadline.Token)
            ?? throw new InvalidOperationException($"serve exited before serving: {await server.StandardError.ReadToEndAsync(deadline.Token)}");
        var url = Url().Match(line);
        Assert.True(url.Success, line);
        return url.Groups[1].Value;
    }

    [GeneratedRegex(@" at (http://\S+)$")]
    private static partial Regex Url();
}

using System.Text.Json;
using EnergyGate.Core.Measurement;

namespace EnergyGate.Tool.Tests;

/// <summary>
/// <c>--timings</c> prints where the command's time went, one row per phase with how often it ran.
/// The results file is written by hand, so only the phases and their counts are asserted, never a time.
/// </summary>
public sealed class TimingsOptionTests : IDisposable
{
    private const string Cell = "smoke/tiny/onnx/cpu";

    private readonly string _dir = Directory.CreateTempSubdirectory("energygate-timings-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Check_of_recorded_results_lists_its_phases_with_their_counts()
    {
        var config = Path.Combine(_dir, "energygate.yml");
        await File.WriteAllTextAsync(config, TestPlans.SmokeOnnx);
        var run = await ToolRunner.RunAsync("check", "--results", WriteResults(), "--config", config, "--report", Path.Combine(_dir, "r.md"), "--timings");

        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        var rows = run.Error.Split('\n').Where(l => l.StartsWith('|')).Select(l => l.Split('|', StringSplitOptions.TrimEntries)).ToList();
        string? Count(string phase) => rows.FirstOrDefault(r => r[1] == phase)?[2];
        Assert.Equal("1", Count("command line"));
        Assert.Equal("1", Count("settings"));
        Assert.Equal("1", Count("baseline compare"));
        Assert.Equal("1", Count("reports"));
        // Nothing was measured: no measurement phase ran.
        Assert.Null(Count("repetition"));
        Assert.Contains(rows, r => r[1] == "**process start to now**");
        Assert.DoesNotContain("timings:", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_measured_run_lists_the_header_apart_from_what_is_measured()
    {
        var config = Path.Combine(_dir, "energygate.yml");
        await File.WriteAllTextAsync(config, TestPlans.SmokeOnnx);
        var run = await ToolRunner.RunAsync("run", "--config", config, "--results", Path.Combine(_dir, "m.jsonl"), "--repetitions", "2", "--timings");

        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        var rows = run.Error.Split('\n').Where(l => l.StartsWith('|')).Select(l => l.Split('|', StringSplitOptions.TrimEntries)).ToList();
        string? Count(string phase) => rows.FirstOrDefault(r => r[1] == phase)?[2];
        Assert.Equal("1", Count("plan"));
        // The fingerprint loads the runtimes' native libraries: its own row, not "outside these phases".
        Assert.Equal("1", Count("results header"));
        Assert.Equal("2", Count("repetition"));
        Assert.Equal("1", Count("idle power"));
    }

    [Fact]
    public async Task Without_the_option_nothing_is_printed()
    {
        var config = Path.Combine(_dir, "energygate.yml");
        await File.WriteAllTextAsync(config, TestPlans.SmokeOnnx);
        var run = await ToolRunner.RunAsync("check", "--results", WriteResults(), "--config", config, "--report", Path.Combine(_dir, "r.md"));

        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        Assert.DoesNotContain("timings:", run.Error, StringComparison.Ordinal);
    }

    private string WriteResults()
    {
        var header = new RunHeader("hash", "0.1.0", DateTimeOffset.UnixEpoch, [Cell],
            new Dictionary<string, string> { ["cpu_model"] = "Test CPU", ["gpu_model"] = "none", ["meter_kind"] = "Estimated" });
        var samples = from r in Enumerable.Range(0, 3)
                      from t in Enumerable.Range(0, 3)
                      select new SampleRecord
                      {
                          Cell = Cell, Repetition = r, TaskId = $"Smoke/{t}", SampleIndex = 0, PromptTokens = 100, GeneratedTokens = 8,
                          StopReason = "Eos", PrefillSeconds = 0.001, TtftSeconds = 0.001, DecodeSeconds = 0.01, PrefillJoules = 0.5,
                          DecodeJoules = 0.8, EnergyKind = "Estimated", Domains = [], Completion = "    return 1\n",
                      };
        var path = Path.Combine(_dir, "results.jsonl");
        File.WriteAllLines(path, [Line(header), .. samples.Select(s => Line(s))]);
        return path;
    }

    private static string Line(JournalRecord record) => JsonSerializer.Serialize(record, ResultsJournal.JsonOptions);
}

using System.Text.Json;
using EnergyGate.Core.Measurement;

namespace EnergyGate.Tool.Tests;

/// <summary>
/// check and report build every report from one read of the results file (it can be large), with the
/// waste sections in all three. The file is written by hand: prompt lengths of 100, 400 and 1600
/// tokens with decode J/token rising by hand-picked steps, so nothing here is measured.
/// </summary>
public sealed class ReportsReadResultsOnceTests : IDisposable
{
    private const string Cell = "smoke/tiny/onnx/cpu";
    private static readonly int[] PromptLengths = [100, 400, 1600];

    private readonly string _dir = Directory.CreateTempSubdirectory("energygate-read-once-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("check")]
    [InlineData("report")]
    public async Task The_results_file_is_read_once_and_every_report_has_the_waste_sections(string verb)
    {
        var (config, results) = (WriteConfig(), WriteResults());
        var (markdown, html, json) = (Path.Combine(_dir, "r.md"), Path.Combine(_dir, "r.html"), Path.Combine(_dir, "r.json"));
        var reads = 0;
        void Count(string path) => reads += path == Path.GetFullPath(results) ? 1 : 0;
        ResultsJournal.Reading += Count;
        try
        {
            string[] source = verb == "check" ? ["check", "--results", results] : ["report", results];
            var run = await ToolRunner.RunAsync([.. source, "--config", config, "--report", markdown, "--html", html, "--json", json]);
            Assert.True(run.ExitCode == 0, run.Output + run.Error);
        }
        finally
        {
            ResultsJournal.Reading -= Count;
        }
        Assert.Equal(1, reads);
        Assert.Contains($"## Prefill amplification\n\n- {Cell}: Prefill amplification: decode J/token", await File.ReadAllTextAsync(markdown), StringComparison.Ordinal);
        var page = await File.ReadAllTextAsync(html);
        Assert.Contains($"<h3>Prefill amplification: {Cell}</h3>", page, StringComparison.Ordinal);
        Assert.Contains("aria-label=\"decode joules per token by prompt length\"", page, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        var amplification = Assert.Single(doc.RootElement.GetProperty("waste").GetProperty("amplification").EnumerateArray());
        Assert.Equal(Cell, amplification.GetProperty("cell").GetString());
    }

    private string WriteConfig()
    {
        var path = Path.Combine(_dir, "energygate.yml");
        File.WriteAllText(path, TestPlans.SmokeOnnx);
        return path;
    }

    private string WriteResults()
    {
        var header = new RunHeader("hash", "0.1.0", DateTimeOffset.UnixEpoch, [Cell],
            new Dictionary<string, string> { ["cpu_model"] = "Test CPU", ["gpu_model"] = "none", ["meter_kind"] = "Estimated" });
        var samples = from r in Enumerable.Range(0, 3)
                      from i in Enumerable.Range(0, PromptLengths.Length)
                      from t in Enumerable.Range(0, 3)
                      select new SampleRecord
                      {
                          Cell = Cell, Repetition = r, TaskId = $"Smoke/{i * 3 + t}", SampleIndex = 0, PromptTokens = PromptLengths[i], GeneratedTokens = 8,
                          StopReason = "Eos", PrefillSeconds = 0.001, TtftSeconds = 0.001, DecodeSeconds = 0.01, PrefillJoules = 0.5,
                          DecodeJoules = 8 * (0.1 + 0.02 * i + 0.001 * t), EnergyKind = "Estimated", Domains = [], Completion = "    return 1\n",
                      };
        var path = Path.Combine(_dir, "results.jsonl");
        File.WriteAllLines(path, [Line(header), .. samples.Select(s => Line(s))]);
        return path;
    }

    private static string Line(JournalRecord record) => JsonSerializer.Serialize(record, ResultsJournal.JsonOptions);
}

using EnergyGate.Core.Measurement;
using EnergyGate.Core.Tests.TestSupport;

namespace EnergyGate.Core.Tests.Measurement;

public sealed class ResultsJournalTests
{
    private static readonly RunHeader Header = new("hash-1", "0.1.0", DateTimeOffset.UnixEpoch, ["smoke/tiny/onnx-cpu"],
        new Dictionary<string, string> { ["cpu"] = "test cpu" });

    internal static SampleRecord Sample(string task, int repetition = 0, double prefill = 0.1, double decode = 1.0) => new()
    {
        Cell = "smoke/tiny/onnx-cpu", Repetition = repetition, TaskId = task, SampleIndex = 0, PromptTokens = 10,
        GeneratedTokens = 20, StopReason = "MaxNewTokens", PrefillSeconds = 0.01, TtftSeconds = 0.011, DecodeSeconds = 0.2,
        DecodeTokensPerSecond = 95, PrefillJoules = prefill, DecodeJoules = decode, EnergyKind = "Estimated",
        Domains = [new DomainEnergyRecord("cpu", "Estimated", prefill, decode, 0.001, false)], Completion = "    return 1\n",
    };

    [Fact]
    public async Task Records_round_trip_with_their_type()
    {
        using var dir = new TempDir();
        var path = dir.File("run.jsonl");
        await using (var journal = await ResultsJournal.OpenAsync(path, Header, resume: false))
        {
            await journal.AppendAsync(Sample("Smoke/0"));
            await journal.AppendAsync(new ScoreRecord("smoke/tiny/onnx-cpu", 0, "Smoke/0", 0, true, "passed"));
        }
        var (records, _) = await ResultsJournal.ReadAsync(path);
        Assert.IsType<RunHeader>(records[0]);
        var sample = Assert.IsType<SampleRecord>(records[1]);
        Assert.Equal(1.1, sample.TotalJoules, 12);
        Assert.Equal("Estimated", sample.Domains[0].Kind);
        Assert.True(Assert.IsType<ScoreRecord>(records[2]).Passed);
        Assert.Contains("\"type\":\"sample\"", (await File.ReadAllLinesAsync(path))[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_torn_last_line_is_dropped_on_resume_and_nothing_is_duplicated()
    {
        using var dir = new TempDir();
        var path = dir.File("run.jsonl");
        await using (var journal = await ResultsJournal.OpenAsync(path, Header, resume: false))
        {
            await journal.AppendAsync(Sample("Smoke/0"));
        }
        await File.AppendAllTextAsync(path, "{\"type\":\"sample\",\"cell\":\"smo");   // killed mid-write
        await using (var resumed = await ResultsJournal.OpenAsync(path, Header, resume: true))
        {
            Assert.Equal(2, resumed.Existing.Count);
            await resumed.AppendAsync(Sample("Smoke/1"));
        }
        var (records, length) = await ResultsJournal.ReadAsync(path);
        Assert.Equal(["Smoke/0", "Smoke/1"], records.OfType<SampleRecord>().Select(r => r.TaskId));
        Assert.Equal(new FileInfo(path).Length, length);
    }

    [Fact]
    public async Task Resume_refuses_a_file_from_other_settings_and_new_runs_refuse_to_overwrite()
    {
        using var dir = new TempDir();
        var path = dir.File("run.jsonl");
        await (await ResultsJournal.OpenAsync(path, Header, resume: false)).DisposeAsync();
        var other = await Assert.ThrowsAsync<EnergyGateException>(() => ResultsJournal.OpenAsync(path, Header with { SettingsHash = "hash-2" }, resume: true));
        Assert.Contains("recorded with other settings", other.Message, StringComparison.Ordinal);
        var exists = await Assert.ThrowsAsync<EnergyGateException>(() => ResultsJournal.OpenAsync(path, Header, resume: false));
        Assert.Contains("already exists; pass --resume", exists.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_corrupt_line_in_the_middle_is_an_error_naming_the_line()
    {
        using var dir = new TempDir();
        var path = dir.File("run.jsonl");
        await File.WriteAllTextAsync(path, "{\"type\":\"score\",\"cell\":\"c\",\"repetition\":0,\"task_id\":\"t\",\"sample_index\":0,\"passed\":true,\"result\":\"passed\"}\nnot json\n");
        var error = await Assert.ThrowsAsync<EnergyGateException>(() => ResultsJournal.ReadAsync(path));
        Assert.StartsWith($"{path}:2: not a results record", error.Message, StringComparison.Ordinal);
    }
}

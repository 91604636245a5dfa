using EnergyGate.Core.Measurement;
using EnergyGate.Core.Tests.TestSupport;

namespace EnergyGate.Core.Tests.Measurement;

/// <summary>The work fields in results files: written and read back, absent in older files, bounded.</summary>
public sealed class WorkJournalTests
{
    private static readonly RunHeader Header = new("hash-1", "0.1.0", DateTimeOffset.UnixEpoch, ["smoke/tiny/onnx-cpu"],
        new Dictionary<string, string> { ["cpu"] = "test cpu" });

    [Fact]
    public async Task Work_fields_round_trip()
    {
        using var dir = new TempDir();
        var path = dir.File("run.jsonl");
        await using (var journal = await ResultsJournal.OpenAsync(path, Header, resume: false))
        {
            await journal.AppendAsync(ResultsJournalTests.Sample("Smoke/0") with { PrefillFlops = 123_456_789_012, DecodeFlops = 9_876_543_210_987, DecodeBytes = 42 });
        }
        var (records, _) = await ResultsJournal.ReadAsync(path);

        var sample = Assert.IsType<SampleRecord>(records[1]);
        Assert.Equal((123_456_789_012L, 9_876_543_210_987L, 42L), (sample.PrefillFlops, sample.DecodeFlops, sample.DecodeBytes));
        Assert.Contains("\"decode_bytes\":42", (await File.ReadAllLinesAsync(path))[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_written_before_work_was_counted_reads_without_it()
    {
        using var dir = new TempDir();
        var path = dir.File("run.jsonl");
        await using (var journal = await ResultsJournal.OpenAsync(path, Header, resume: false))
        {
            await journal.AppendAsync(ResultsJournalTests.Sample("Smoke/0"));
        }
        Assert.DoesNotContain("flops", await File.ReadAllTextAsync(path), StringComparison.Ordinal);

        var (records, _) = await ResultsJournal.ReadAsync(path);
        var sample = Assert.IsType<SampleRecord>(records[1]);
        Assert.Null(sample.PrefillFlops);
        Assert.Null(sample.DecodeBytes);
        Assert.DoesNotContain(RunSummarizer.Summarize(records, new Dictionary<string, IReadOnlyList<int>>())[0].Metrics.Keys, k => k.Contains("flops", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_negative_work_count_is_rejected()
    {
        using var dir = new TempDir();
        var path = dir.File("run.jsonl");
        await using (var journal = await ResultsJournal.OpenAsync(path, Header, resume: false))
        {
            await journal.AppendAsync(ResultsJournalTests.Sample("Smoke/0") with { DecodeFlops = -5 });
        }

        var error = await Assert.ThrowsAnyAsync<Exception>(() => ResultsJournal.ReadAsync(path));
        Assert.Contains("decode_flops", error.Message, StringComparison.Ordinal);
    }
}

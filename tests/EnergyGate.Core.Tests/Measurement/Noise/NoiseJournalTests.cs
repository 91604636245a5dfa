using EnergyGate.Core.Measurement;
using EnergyGate.Core.Measurement.Noise;
using EnergyGate.Core.Tests.TestSupport;

namespace EnergyGate.Core.Tests.Measurement.Noise;

/// <summary>Noise records in the results file: written by the monitor, read back, validated, and optional.</summary>
public sealed class NoiseJournalTests
{
    private static readonly RunHeader Header = new("hash-1", "0.1.0", DateTimeOffset.UnixEpoch, ["smoke/tiny/onnx-cpu"],
        new Dictionary<string, string> { ["cpu"] = "test cpu" });

    [Fact]
    public async Task Monitor_records_round_trip_through_the_results_file()
    {
        using var dir = new TempDir();
        var path = dir.File("run.jsonl");
        var monitor = NoiseSeries.Monitor(NoiseSeries.NeighbourHalfway, stealShare: 0.10);
        await using (var journal = await ResultsJournal.OpenAsync(path, Header, resume: false))
        {
            await monitor.BeforeFirstAsync(journal, default);
            for (var repetition = 1; repetition <= 10; repetition++)
            {
                await journal.AppendAsync(ResultsJournalTests.Sample($"Smoke/{repetition}", repetition));
                await monitor.ProbeAsync(journal, repetition, default);
            }
            await monitor.ProbeAsync(journal, null, default);
        }
        var (records, _) = await ResultsJournal.ReadAsync(path);
        var probes = records.OfType<NoiseRecord>().ToList();
        Assert.Equal(14, probes.Count);
        Assert.Equal([-1, -1, -1], probes.Take(3).Select(p => p.Repetition));
        Assert.Null(probes[^1].Repetition);
        Assert.Equal([2_400_000L, 2_600_000L], probes[0].FrequenciesKhz);
        Assert.Contains("\"type\":\"noise\"", (await File.ReadAllLinesAsync(path))[1], StringComparison.Ordinal);
        var summary = NoiseSummary.From(records)!;
        Assert.Equal(0.10, summary.Steal!.Value, 9);
        Assert.Equal(0.005, summary.Iowait!.Value, 9);
        Assert.Equal(2_400_000L, summary.MinFrequencyKhz);
        Assert.True(NoiseVerdict.Judge(summary, new EnergyGate.Core.Gating.NoiseLimits(), 0.05).TooNoisy);
    }

    [Fact]
    public async Task A_record_without_counters_leaves_them_out_and_reads_back_absent()
    {
        using var dir = new TempDir();
        var path = dir.File("run.jsonl");
        var monitor = NoiseSeries.Monitor(NoiseSeries.Quiet, 0, cpufreq: false);
        await using (var journal = await ResultsJournal.OpenAsync(path, Header, resume: false))
        {
            await journal.AppendAsync(new NoiseRecord(-1, 0.031));
            await monitor.ProbeAsync(journal, 0, default);
        }
        var line = (await File.ReadAllLinesAsync(path))[1];
        Assert.Equal("{\"type\":\"noise\",\"repetition\":-1,\"probe_seconds\":0.031,\"frequencies_khz\":[]}", line);
        var (records, _) = await ResultsJournal.ReadAsync(path);
        var probe = Assert.IsType<NoiseRecord>(records[1]);
        Assert.Null(probe.CpuTotalTicks);
        Assert.Empty(Assert.IsType<NoiseRecord>(records[2]).FrequenciesKhz);
    }

    [Fact]
    public async Task A_file_from_before_the_probe_reads_as_before_with_no_noise_summary()
    {
        using var dir = new TempDir();
        var path = dir.File("old.jsonl");
        await File.WriteAllTextAsync(path, """
            {"type":"run","settings_hash":"h","tool_version":"0.1.0","started_at":"2025-01-01T00:00:00+00:00","cells":["smoke/tiny/onnx-cpu"],"fingerprint":{"cpu":"x"}}

            """.ReplaceLineEndings("\n"));
        var (records, _) = await ResultsJournal.ReadAsync(path);
        Assert.Single(records);
        Assert.Null(NoiseSummary.From(records));
    }

    [Theory]
    [InlineData("\"probe_seconds\":-0.5", "field `probe_seconds` is -0.5")]
    [InlineData("\"probe_seconds\":0.03,\"cpu_steal_ticks\":-1", "field `cpu_steal_ticks` is -1")]
    [InlineData("\"probe_seconds\":0.03,\"frequencies_khz\":[1000000000000]", "field `frequencies_khz[0]` is 1000000000000")]
    public async Task Impossible_noise_values_are_refused_by_name(string fields, string expected)
    {
        using var dir = new TempDir();
        var path = dir.File("run.jsonl");
        await using (var journal = await ResultsJournal.OpenAsync(path, Header, resume: false))
        {
        }
        await File.AppendAllTextAsync(path, "{\"type\":\"noise\",\"repetition\":0," + fields + "}\n");
        var error = await Assert.ThrowsAsync<EnergyGateException>(() => ResultsJournal.ReadAsync(path));
        Assert.Contains("EG2045", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}

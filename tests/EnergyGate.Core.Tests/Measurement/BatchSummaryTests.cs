using EnergyGate.Core.Baselines;
using EnergyGate.Core.Measurement;

namespace EnergyGate.Core.Tests.Measurement;

/// <summary>What a cell's summary makes of batched and served samples: the batch's throughput, and no joules where none were measured.</summary>
public sealed class BatchSummaryTests
{
    private static readonly RunHeader Header = new("hash-1", "0.1.0", DateTimeOffset.UnixEpoch, ["smoke/tiny/onnx-cpu"], new Dictionary<string, string>());

    private static IReadOnlyDictionary<string, double[]> Metrics(params SampleRecord[] samples) =>
        RunSummarizer.Summarize([Header, .. samples], new Dictionary<string, IReadOnlyList<int>>())[0].Metrics;

    [Fact]
    public void The_batch_rate_is_one_sequences_rate_times_the_occupancy_weighted_by_decode_time()
    {
        // 10 decode steps in 1 s and 30 in 2 s: 40 / 3 tokens/s per sequence; occupancy (1 x 4 + 2 x 2) / 3 = 8 / 3.
        var metrics = Metrics(
            ResultsJournalTests.Sample("Smoke/0") with { GeneratedTokens = 11, DecodeSeconds = 1, BatchOccupancy = 4 },
            ResultsJournalTests.Sample("Smoke/1") with { GeneratedTokens = 31, DecodeSeconds = 2, BatchOccupancy = 2 });

        Assert.Equal(40.0 / 3, metrics[MetricIds.TokensPerSecond].Single(), 9);
        Assert.Equal(40.0 / 3 * 8 / 3, metrics[MetricIds.BatchTokensPerSecond].Single(), 9);
    }

    [Fact]
    public void One_sequence_at_a_time_has_no_batch_rate()
    {
        Assert.DoesNotContain(MetricIds.BatchTokensPerSecond, Metrics(ResultsJournalTests.Sample("Smoke/0")).Keys);
    }

    [Fact]
    public void A_server_no_meter_could_see_has_timing_and_token_figures_but_no_energy()
    {
        var metrics = Metrics(ResultsJournalTests.Sample("Smoke/0") with { EnergyKind = "NotMeasured", PrefillJoules = 0, DecodeJoules = 0, Domains = [], BatchOccupancy = 2 });

        Assert.DoesNotContain(metrics.Keys, k => MetricCatalog.Get(k).IsEnergy);
        Assert.DoesNotContain(MetricIds.PrefillShare, metrics.Keys);
        Assert.Contains(MetricIds.TokensPerSecond, metrics.Keys);
        Assert.Contains(MetricIds.TtftSeconds, metrics.Keys);
        Assert.Contains(MetricIds.GeneratedTokens, metrics.Keys);
    }
}

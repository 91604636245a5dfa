using EnergyGate.Core.Gating;
using EnergyGate.Core.Measurement;
using EnergyGate.Core.Measurement.Noise;

namespace EnergyGate.Core.Tests.Measurement.Noise;

public sealed class NoiseSummaryTests
{
    private static NoiseSummary Summary(IReadOnlyList<double> probes, double stealShare = 0.002, bool cpufreq = true)
    {
        var records = probes.Select((t, i) => (JournalRecord)new NoiseRecord(i < 3 ? -1 : i - 3, t)
        {
            CpuTotalTicks = 1_000_000 + (i * 1000L),
            CpuStealTicks = (long)(i * 1000 * stealShare),
            CpuIowaitTicks = i * 5L,
            FrequenciesKhz = cpufreq ? [2_400_000, 2_600_000] : [],
        });
        return NoiseSummary.From(records)!;
    }

    [Fact]
    public void A_quiet_series_is_steady()
    {
        var s = Summary(NoiseSeries.Quiet);
        Assert.Equal(14, s.Probes);
        Assert.Equal(0.030, s.MedianSeconds, 9);
        Assert.True(s.Drift <= 0.02 + 1e-12, $"drift {s.Drift}");
        Assert.True(s.Spread < 0.02, $"spread {s.Spread}");
        Assert.Equal(0.002, s.Steal!.Value, 9);
        Assert.Equal("steady", NoiseVerdict.Judge(s, new NoiseLimits(), 0.05).Text);
    }

    [Fact]
    public void A_neighbour_arriving_halfway_is_too_noisy()
    {
        var s = Summary(NoiseSeries.NeighbourHalfway);
        // The worst three-probe median after the jump is +25 % x 1.01 over the reference.
        Assert.Equal(0.2625, s.Drift, 9);
        var verdict = NoiseVerdict.Judge(s, new NoiseLimits(), 0.05);
        Assert.True(verdict.TooNoisy);
        Assert.StartsWith("too noisy: probe drift 26.", verdict.Text, StringComparison.Ordinal);
        Assert.Contains("> 2.5 % (0.5 x warn 5.0 %)", verdict.Text, StringComparison.Ordinal);
        Assert.Contains("probe spread 11.", verdict.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Ten_percent_steal_is_too_noisy_even_with_steady_probes()
    {
        var verdict = NoiseVerdict.Judge(Summary(NoiseSeries.Quiet, stealShare: 0.10), new NoiseLimits(), 0.05);
        Assert.Equal("too noisy: CPU steal 10.0 % > 3.0 %", verdict.Text);
    }

    [Fact]
    public void One_slow_probe_is_a_hiccup_not_drift()
    {
        // A single GC pause or page-fault storm: the median of three consecutive probes ignores it.
        var probes = NoiseSeries.Quiet.Select((t, i) => i == 7 ? t * 1.5 : t).ToList();
        Assert.True(Summary(probes).Drift <= 0.02 + 1e-12);
    }

    [Fact]
    public void Limits_scale_with_the_warn_threshold()
    {
        var s = Summary(NoiseSeries.NeighbourHalfway);
        // At warn 60 %, drift up to 30 % and spread up to 60 % are tolerated.
        Assert.False(NoiseVerdict.Judge(s, new NoiseLimits(), 0.60).TooNoisy);
        Assert.True(NoiseVerdict.Judge(s, new NoiseLimits { DriftOfWarn = 0.25 }, 0.60).TooNoisy);
    }

    [Fact]
    public void Details_round_trip_and_absent_counters_stay_absent()
    {
        var s = Summary(NoiseSeries.Quiet, cpufreq: false);
        Assert.Null(s.MinFrequencyKhz);
        var back = NoiseSummary.FromDetails(s.ToDetails());
        Assert.NotNull(back);
        Assert.Equal(s.Probes, back.Probes);
        Assert.Equal(s.Drift, back.Drift, 6);
        Assert.Equal(s.Steal!.Value, back.Steal!.Value, 6);
        Assert.Null(back.MaxFrequencyKhz);
        Assert.Null(NoiseSummary.FromDetails(new Dictionary<string, string> { ["cpu_model"] = "x" }));
        Assert.Null(NoiseSummary.From([]));
    }

    [Fact]
    public void Without_proc_stat_steal_is_unknown_not_zero()
    {
        var records = NoiseSeries.Quiet.Select(t => (JournalRecord)new NoiseRecord(0, t)).ToList();
        var s = NoiseSummary.From(records)!;
        Assert.Null(s.Steal);
        Assert.Null(s.Iowait);
        Assert.False(NoiseVerdict.Judge(s, new NoiseLimits(), 0.05).TooNoisy);
    }
}

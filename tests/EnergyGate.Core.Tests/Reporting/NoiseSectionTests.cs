using EnergyGate.Core.Baselines;
using EnergyGate.Core.Gating;
using EnergyGate.Core.Measurement;
using EnergyGate.Core.Measurement.Noise;
using EnergyGate.Core.Reporting;
using EnergyGate.Core.Tests.Gating;
using EnergyGate.Core.Tests.Measurement.Noise;
using static EnergyGate.Core.Tests.Gating.GateFixtures;

namespace EnergyGate.Core.Tests.Reporting;

/// <summary>The "Machine noise" block, byte for byte under the invariant culture and de-DE.</summary>
public sealed class NoiseSectionTests
{
    internal static GateResult Result(EnvironmentFingerprint machine) =>
        Gate.Evaluate(Baseline(Record(23, 120, 0.03)), Candidate(machine, Record(24, 132, 0.03)), GatePolicy.Default, Today);

    internal static EnvironmentFingerprint WithFrequencies(IReadOnlyList<double> probes, double steal)
    {
        var records = probes.Select((t, i) => (JournalRecord)new NoiseRecord(i, t)
        {
            CpuTotalTicks = 1_000_000 + (i * 1000L), CpuStealTicks = (long)(i * 1000 * steal), CpuIowaitTicks = i * 5L,
            FrequenciesKhz = [2_400_000, i == 5 ? 3_000_000 : 2_600_000],
        });
        return Machine() with { Details = NoiseSummary.From(records)!.ToDetails() };
    }

    [Theory]
    [InlineData("")]
    [InlineData("de-DE")]
    public void A_quiet_machine_reads_steady(string culture)
    {
        var text = ReportSnapshotTests.InCulture(culture, () => NoiseSection.Markdown(Result(WithFrequencies(NoiseSeries.Quiet, 0.002))));
        Assert.Equal("""
            ### Machine noise

            - Probe: median 30.0 ms over 14 probes, spread 1.5 %, drift 1.5 % from the first 3
            - CPU: steal 0.2 %, iowait 0.5 %
            - Frequency: 2400-3000 MHz (spread 20.0 %)
            - Verdict: steady


            """.ReplaceLineEndings("\n"), text);
    }

    [Theory]
    [InlineData("")]
    [InlineData("de-DE")]
    public void A_noisy_machine_says_why_and_what_the_gate_did(string culture)
    {
        var text = ReportSnapshotTests.InCulture(culture, () => NoiseSection.Markdown(Result(NoiseGateTests.MachineWith(NoiseSeries.NeighbourHalfway, 0.10))));
        Assert.Equal("""
            ### Machine noise

            - Probe: median 30.6 ms over 14 probes, spread 11.1 %, drift 26.3 % from the first 3
            - CPU: steal 10.0 %, iowait 0.0 %
            - Frequency: not readable (no cpufreq scaling_cur_freq; common on VMs)
            - Verdict: too noisy: probe drift 26.3 % > 2.5 % (0.5 x warn 5.0 %); probe spread 11.1 % > 5.0 % (1 x warn 5.0 %); CPU steal 10.0 % > 3.0 %; regressions of energy and time metrics within 5 times the machine's movement are reported as inconclusive (EG1003)


            """.ReplaceLineEndings("\n"), text);
    }

    [Fact]
    public void Reports_carry_the_block_only_when_the_run_was_probed()
    {
        var noisy = Result(NoiseGateTests.MachineWith(NoiseSeries.NeighbourHalfway, 0.10));
        Assert.Contains("### Machine noise", MarkdownReport.Render(noisy), StringComparison.Ordinal);
        Assert.Contains("\"too_noisy\": true", JsonReport.Render(noisy), StringComparison.Ordinal);
        var old = Result(Machine());
        Assert.DoesNotContain("Machine noise", MarkdownReport.Render(old), StringComparison.Ordinal);
        Assert.Contains("\"noise\": null", JsonReport.Render(old), StringComparison.Ordinal);
    }

    [Fact]
    public void Run_closing_note_names_a_noisy_machine()
    {
        var summary = NoiseSummary.FromDetails(NoiseGateTests.MachineWith(NoiseSeries.NeighbourHalfway, 0.002).Details);
        var line = NoiseText.ConsoleLine(summary, GatePolicy.Default)!;
        Assert.StartsWith("machine noise: too noisy: probe drift 26.", line, StringComparison.Ordinal);
        Assert.EndsWith("the gate will report regressions of this run as inconclusive (EG1003): measure again on a quiet machine", line, StringComparison.Ordinal);
        Assert.Null(NoiseText.ConsoleLine(null, GatePolicy.Default));
    }
}

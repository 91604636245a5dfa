using EnergyGate.Core.Baselines;
using EnergyGate.Core.Gating;
using EnergyGate.Core.Measurement.Machine;
using EnergyGate.Core.Reporting;
using EnergyGate.Core.Tests.Measurement.Machine;
using static EnergyGate.Core.Tests.Gating.GateFixtures;
using static EnergyGate.Core.Tests.Measurement.Machine.CpuInfoFixtures;

namespace EnergyGate.Core.Tests.Reporting;

/// <summary>The environment block's table of differing facts, exact under the invariant culture and de-DE.</summary>
public sealed class EnvironmentDifferencesTests
{
    private static EnvironmentFingerprint Vm(string cpuinfo, string memoryBytes)
    {
        var facts = MachineClassTests.Facts(cpuinfo);
        facts[MachineFacts.MemoryBytes] = memoryBytes;
        return new EnvironmentFingerprint(MachineClass.Derive("AMD EPYC", null, facts), "AMD EPYC", null, MeterKind.Estimated, facts);
    }

    private const string Expected = """

        | Fact | Baseline | Current |
        |---|---|---|
        | machine_class | amd-epyc-f25m1-2c | amd-epyc-f26m2-2c |
        | cpu_family | 25 | 26 |
        | cpu_model_number | 1 | 2 |
        | cpu_isa | avx avx2 fma | avx avx2 fma avx512f avx512bw avx512vl avx512_vnni avx512_bf16 avx_vnni |
        | memory_bytes | 16.0 GiB | 23.5 GiB |


        """;

    [Theory]
    [InlineData("")]
    [InlineData("de-DE")]
    public void The_report_shows_what_differs_between_the_machines(string culture)
    {
        var result = Gate.Evaluate(Baseline(Vm(AmdFamily25Vm, "17179869184"), Record(1, 100, 0.03)),
            Candidate(Vm(AmdFamily26Vm, "25276166144"), Record(2, 100, 0.03)), GatePolicy.Default, Today);
        var markdown = ReportSnapshotTests.InCulture(culture, () => MarkdownReport.Render(result));
        Assert.Contains(Expected.Replace("\r", "", StringComparison.Ordinal), markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Facts_an_old_baseline_lacks_are_shown_as_not_recorded()
    {
        var legacy = new EnvironmentFingerprint("amd-epyc", "AMD EPYC", null, MeterKind.Estimated, new Dictionary<string, string> { ["logical_cpus"] = "2" });
        var rows = EnvironmentDifferences.Rows(legacy, Vm(AmdFamily26Vm, "25276166144"));
        Assert.Contains("| cpu_family | not recorded | 26 |", rows);
        Assert.Contains("| memory_bytes | not recorded | 23.5 GiB |", rows);
        Assert.DoesNotContain(rows, r => r.StartsWith("| logical_cpus", StringComparison.Ordinal));
        // The old runtime-reported memory and MemTotal differ by a few KiB: the same when shown.
        var recorded = legacy with { Details = new Dictionary<string, string>(legacy.Details) { [MachineFacts.MemoryBytes] = "25276514304" } };
        Assert.DoesNotContain(EnvironmentDifferences.Rows(recorded, Vm(AmdFamily26Vm, "25276166144")), r => r.StartsWith("| memory_bytes", StringComparison.Ordinal));
    }

    [Fact]
    public void The_same_machine_gives_no_table()
    {
        Assert.Empty(EnvironmentDifferences.Rows(Vm(AmdFamily26Vm, "1"), Vm(AmdFamily26Vm, "1")));
    }

    [Fact]
    public void Baselines_from_several_files_of_one_machine_are_listed_once()
    {
        var other = Cell with { Runtime = "torch" };
        var baseline = new BaselineSet([.. Baseline(Vm(AmdFamily25Vm, "1"), Record(1, 100, 0.03)).Entries,
            .. Baseline(Vm(AmdFamily25Vm, "1"), Record(3, 100, 0.03, cell: other)).Entries]);
        var result = Gate.Evaluate(baseline, Candidate(Vm(AmdFamily26Vm, "1"), Record(2, 100, 0.03), Record(4, 100, 0.03, cell: other)), GatePolicy.Default, Today);
        var markdown = MarkdownReport.Render(result);
        Assert.Single(markdown.Split('\n'), l => l.StartsWith("- Machine (baseline):", StringComparison.Ordinal));
        Assert.Single(markdown.Split('\n'), l => l == "| Fact | Baseline | Current |");
    }
}

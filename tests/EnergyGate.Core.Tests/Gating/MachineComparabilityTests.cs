using EnergyGate.Core.Baselines;
using EnergyGate.Core.Gating;
using EnergyGate.Core.Measurement.Machine;
using EnergyGate.Core.Tests.Measurement.Machine;
using static EnergyGate.Core.Tests.Gating.GateFixtures;
using static EnergyGate.Core.Tests.Measurement.Machine.CpuInfoFixtures;

namespace EnergyGate.Core.Tests.Gating;

/// <summary>
/// Two VMs both called "AMD EPYC" differed by up to +137 % on one benchmark (measurement.md): the gate
/// must call them incomparable, unless the policy relaxes the CPU facts; old baselines lack the facts.
/// </summary>
public sealed class MachineComparabilityTests
{
    private static EnvironmentFingerprint Vm(string cpuinfo, string? machineClass = null)
    {
        var facts = MachineClassTests.Facts(cpuinfo);
        return new EnvironmentFingerprint(machineClass ?? MachineClass.Derive("AMD EPYC", null, facts), "AMD EPYC", null, MeterKind.Estimated, facts);
    }

    // The one the committed baselines carry: recorded before the CPU facts were read.
    private static EnvironmentFingerprint Legacy(string machineClass = "amd-epyc") =>
        new(machineClass, "AMD EPYC", null, MeterKind.Estimated, new Dictionary<string, string> { ["cpu_model"] = "AMD EPYC", ["logical_cpus"] = "2" });

    private static CellResult Evaluate(EnvironmentFingerprint baseline, EnvironmentFingerprint candidate, GatePolicy? policy = null) =>
        Assert.Single(Gate.Evaluate(Baseline(baseline, Record(1, 100, 0.03)), Candidate(candidate, Record(2, 100, 0.03)), policy ?? GatePolicy.Default, Today).Cells);

    [Fact]
    public void A_family_change_under_one_configured_class_blocks_and_says_what_to_do()
    {
        var result = Gate.Evaluate(Baseline(Vm(AmdFamily25Vm, "ci"), Record(1, 100, 0.03)), Candidate(Vm(AmdFamily26Vm, "ci"), Record(2, 100, 0.03)), GatePolicy.Default, Today);
        var cell = Assert.Single(result.Cells);
        Assert.Equal(CellStatus.Incomparable, cell.Status);
        Assert.Equal(
            [new SettingChange("cpu_family", "25", "26"), new SettingChange("cpu_model_number", "1", "2"),
             new SettingChange("cpu_isa", "avx avx2 fma", "avx avx2 fma avx512f avx512bw avx512vl avx512_vnni avx512_bf16 avx_vnni")],
            cell.Mismatches);
        var finding = Assert.Single(result.Findings, f => f.Id == FindingIds.Incomparable);
        Assert.Contains("dotnet energygate baseline update", finding.Message, StringComparison.Ordinal);
        Assert.Contains("--round R/M", finding.Message, StringComparison.Ordinal);
        Assert.Contains("dotnet energygate compare", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Derived_classes_differ_too()
    {
        var cell = Evaluate(Vm(AmdFamily25Vm), Vm(AmdFamily26Vm));
        Assert.Equal(CellStatus.Incomparable, cell.Status);
        Assert.Contains(new SettingChange("machine_class", "amd-epyc-f25m1-2c", "amd-epyc-f26m2-2c"), cell.Mismatches);
    }

    [Fact]
    public void The_policy_relaxes_family_and_isa_and_the_differences_are_listed()
    {
        var relaxed = GatePolicy.Default with { Comparability = new ComparabilityRules(CpuFamily: false, CpuIsa: false) };
        var cell = Evaluate(Vm(AmdFamily25Vm, "ci"), Vm(AmdFamily26Vm, "ci"), relaxed);
        Assert.Equal(CellStatus.Compared, cell.Status);
        Assert.Contains(new SettingChange("cpu_family", "25", "26"), cell.Changes);
    }

    [Fact]
    public void Relaxing_the_family_alone_still_blocks_on_the_isa()
    {
        var cell = Evaluate(Vm(AmdFamily25Vm, "ci"), Vm(AmdFamily26Vm, "ci"), GatePolicy.Default with { Comparability = new ComparabilityRules(CpuFamily: false) });
        Assert.Equal(["cpu_isa"], cell.Mismatches.Select(m => m.Key));
    }

    [Fact]
    public void The_same_cpu_is_compared()
    {
        Assert.Equal(CellStatus.Compared, Evaluate(Vm(AmdFamily26Vm), Vm(AmdFamily26Vm)).Status);
    }

    [Fact]
    public void An_old_baseline_of_the_same_name_is_compared_with_its_missing_facts_shown_as_not_recorded()
    {
        var cell = Evaluate(Legacy(), Vm(AmdFamily26Vm));
        Assert.Equal(CellStatus.Compared, cell.Status);
        Assert.Contains(new SettingChange("machine_class", "amd-epyc", "amd-epyc-f26m2-2c"), cell.Changes);
        Assert.Contains(new SettingChange("cpu_family", Comparability.NotRecorded, "26"), cell.Changes);
    }

    [Fact]
    public void An_old_baseline_still_needs_the_same_name_and_core_count()
    {
        Assert.Equal(CellStatus.Incomparable, Evaluate(Legacy("intel-xeon"), Vm(AmdFamily26Vm)).Status);
        var fourCores = Vm(AmdFamily26Vm) with { Details = new Dictionary<string, string>(MachineClassTests.Facts(AmdFamily26Vm)) { ["logical_cpus"] = "4" } };
        Assert.Equal(["logical_cpus"], Evaluate(Legacy(), fourCores with { MachineClass = "amd-epyc-f26m2-4c" }).Mismatches.Select(m => m.Key));
    }
}

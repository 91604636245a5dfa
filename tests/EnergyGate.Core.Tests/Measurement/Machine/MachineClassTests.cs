using EnergyGate.Core.Measurement.Machine;
using static EnergyGate.Core.Tests.Measurement.Machine.CpuInfoFixtures;

namespace EnergyGate.Core.Tests.Measurement.Machine;

public sealed class MachineClassTests
{
    /// <summary>The facts a run records from a cpuinfo text, with the logical CPUs the process would see.</summary>
    internal static Dictionary<string, string> Facts(string cpuinfo, int logicalCpus = 2)
    {
        var cpu = CpuInfoParser.Parse(cpuinfo);
        var facts = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["cpu_model"] = cpu.ModelName ?? "unknown",
            [MachineFacts.LogicalCpus] = logicalCpus.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        MachineFacts.AddCpu(facts, cpu);
        return facts;
    }

    [Fact]
    public void Two_vms_called_AMD_EPYC_of_different_families_are_different_classes()
    {
        var zen5 = MachineClass.Derive("AMD EPYC", null, Facts(AmdFamily26Vm));
        var milan = MachineClass.Derive("AMD EPYC", null, Facts(AmdFamily25Vm));
        Assert.Equal("amd-epyc-f26m2-2c", zen5);
        Assert.Equal("amd-epyc-f25m1-2c", milan);
    }

    [Fact]
    public void The_same_cpu_gives_the_same_class_whatever_its_stepping_microcode_or_memory()
    {
        var a = Facts(AmdEpyc7R13, 4);
        var b = new Dictionary<string, string>(a) { [MachineFacts.CpuMicrocode] = "0xa0011d5", [MachineFacts.CpuStepping] = "2", [MachineFacts.MemoryBytes] = "1" };
        Assert.Equal(MachineClass.Derive("AMD EPYC 7R13 Processor", null, a), MachineClass.Derive("AMD EPYC 7R13 Processor", null, b));
        Assert.Equal("amd-epyc-7r13-f25m1-4c", MachineClass.Derive("AMD EPYC 7R13 Processor", null, a));
    }

    [Fact]
    public void Core_count_splits_classes()
    {
        Assert.NotEqual(MachineClass.Derive("AMD EPYC", null, Facts(AmdFamily26Vm, 2)), MachineClass.Derive("AMD EPYC", null, Facts(AmdFamily26Vm, 4)));
    }

    [Fact]
    public void Intel_arm_and_gpu_labels()
    {
        Assert.Equal("intel-xeon-platinum-8488c-f6m143-4c", MachineClass.Derive("Intel(R) Xeon(R) Platinum 8488C", null, Facts(IntelXeonSapphireRapids, 4)));
        Assert.Equal("unknown-f8m0xd40-2c", MachineClass.Derive("unknown", null, Facts(ArmGraviton3)));
        Assert.Equal("nvidia-h200-f26m2-2c", MachineClass.Derive("AMD EPYC", "NVIDIA H200", Facts(AmdFamily26Vm)));
    }

    [Fact]
    public void Without_cpuinfo_the_class_is_the_name_only_as_before()
    {
        var facts = new Dictionary<string, string> { [MachineFacts.LogicalCpus] = "2" };
        Assert.Equal("amd-epyc", MachineClass.Derive("AMD EPYC", null, facts));
        Assert.Equal("amd-epyc", MachineClass.NamePart("AMD EPYC", null));
    }

    [Fact]
    public void The_gpu_facts_include_its_memory_and_only_the_name_enters_the_class()
    {
        var facts = EnergyGate.Core.Measurement.RunFingerprint.Machine("AMD EPYC", CpuInfoParser.Parse(AmdFamily26Vm), 1L << 34, "NVIDIA H200", "580.95.05", 700, 1, 150UL << 30);
        Assert.Equal((150UL << 30).ToString(System.Globalization.CultureInfo.InvariantCulture), facts[MachineFacts.GpuMemoryBytes]);
        Assert.Equal("700", facts["gpu_power_limit_w"]);
        Assert.Contains(MachineFacts.GpuMemoryBytes, MachineFacts.Shown);
        // A MIG slice of the same GPU differs in memory: shown in the report's table, not a new class.
        Assert.Equal("nvidia-h200-f26m2-2c", MachineClass.Derive("AMD EPYC", "NVIDIA H200", facts.Where(f => f.Key != MachineFacts.LogicalCpus).Append(new(MachineFacts.LogicalCpus, "2")).ToDictionary()));
        Assert.False(EnergyGate.Core.Measurement.RunFingerprint.Machine("AMD EPYC", null, null, null, null, null, 0).ContainsKey(MachineFacts.GpuMemoryBytes));
    }
}

using EnergyGate.Core.Energy;
using EnergyGate.Core.Measurement.Machine;
using static EnergyGate.Core.Tests.Measurement.Machine.CpuInfoFixtures;

namespace EnergyGate.Core.Tests.Measurement.Machine;

public sealed class CpuInfoParserTests
{
    [Fact]
    public void A_vm_that_hides_the_model_name_still_tells_family_model_and_isa()
    {
        var cpu = CpuInfoParser.Parse(AmdFamily26Vm);
        Assert.Equal(new CpuDescription("AuthenticAMD", "26", "2", "1", "AMD EPYC", null, cpu.Isa, 2, 2), cpu);
        Assert.Equal("avx avx2 fma avx512f avx512bw avx512vl avx512_vnni avx512_bf16 avx_vnni", cpu.IsaText);
    }

    [Fact]
    public void The_older_generation_of_the_same_name_differs_in_family_model_and_isa()
    {
        var cpu = CpuInfoParser.Parse(AmdFamily25Vm);
        Assert.Equal(("AMD EPYC", "25", "1", "avx avx2 fma"), (cpu.ModelName, cpu.Family, cpu.Model, cpu.IsaText));
    }

    [Fact]
    public void Intel_xeon_with_amx_gives_microcode_and_counts_hyperthreads_once_as_cores()
    {
        var cpu = CpuInfoParser.Parse(IntelXeonSapphireRapids);
        Assert.Equal(("GenuineIntel", "6", "143", "8", "0x2b000590"), (cpu.Vendor, cpu.Family, cpu.Model, cpu.Stepping, cpu.Microcode));
        Assert.Equal(
            "avx avx2 fma avx512f avx512bw avx512vl avx512_vnni avx512_bf16 avx512_fp16 amx_tile amx_bf16 amx_int8 avx_vnni", cpu.IsaText);
        Assert.Equal((4, (int?)2), (cpu.LogicalCpus, cpu.PhysicalCores));
    }

    [Fact]
    public void Arm_reads_implementer_architecture_part_and_features()
    {
        var cpu = CpuInfoParser.Parse(ArmGraviton3);
        Assert.Equal(new CpuDescription("0x41", "8", "0xd40", "r1p1", null, null, cpu.Isa, 2, null), cpu);
        // sve2 is absent on Neoverse V1; svei8mm and svebf16 must not be read as i8mm/bf16 (those are listed on their own).
        Assert.Equal("asimd sve i8mm bf16", cpu.IsaText);
    }

    [Fact]
    public void Empty_text_gives_an_empty_description_not_an_exception()
    {
        var cpu = CpuInfoParser.Parse("");
        Assert.Equal(("none", 1, (int?)null, (string?)null), (cpu.IsaText, cpu.LogicalCpus, cpu.PhysicalCores, cpu.Family));
    }

    [Fact]
    public void MemTotal_is_in_kibibytes()
    {
        Assert.Equal(24683756L * 1024, CpuInfoParser.MemoryBytes(MemInfo));
        Assert.Null(CpuInfoParser.MemoryBytes("MemFree: 12 kB\n"));
    }

    [Fact]
    public void Facts_are_read_below_the_injected_root_and_an_unreadable_file_is_null()
    {
        var files = new Dictionary<string, string> { [Path.Combine("/fake", "proc", "cpuinfo")] = AmdFamily26Vm, [Path.Combine("/fake", "proc", "meminfo")] = MemInfo };
        var reader = new DelegateFileReader(p => files.TryGetValue(p, out var t) ? t : throw new FileNotFoundException(p));
        Assert.Equal("26", MachineFacts.ReadCpu("/fake", reader)?.Family);
        Assert.Equal(24683756L * 1024, MachineFacts.ReadMemoryBytes("/fake", reader));
        Assert.Null(MachineFacts.ReadCpu("/elsewhere", reader));
        var denied = new DelegateFileReader(p => throw new UnauthorizedAccessException(p));
        Assert.Null(MachineFacts.ReadMemoryBytes("/fake", denied));
    }
}

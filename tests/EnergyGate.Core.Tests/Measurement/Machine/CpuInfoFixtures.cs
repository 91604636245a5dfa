namespace EnergyGate.Core.Tests.Measurement.Machine;

/// <summary>
/// /proc/cpuinfo texts, cut down to the lines the parser reads plus a few it must skip. The x86 ones
/// follow real machines: the AMD family 26 VM is this project's build VM (model name hidden); the
/// family 25 one is a Milan VM of the same name; the Xeon is a Sapphire Rapids host (AMX). The ARM one
/// follows an AWS Graviton3 (Neoverse V1, implementer 0x41, part 0xd40).
/// </summary>
internal static class CpuInfoFixtures
{
    private const string Zen5Flags = "fpu vme sse sse2 ht syscall pni ssse3 fma sse4_1 sse4_2 avx f16c hypervisor bmi1 avx2 bmi2 avx512f avx512dq avx512cd avx512bw avx512vl avx_vnni avx512_bf16 avx512vbmi avx512_vnni avx512_bitalg";
    private const string MilanFlags = "fpu vme sse sse2 ht syscall pni ssse3 fma sse4_1 sse4_2 avx f16c hypervisor bmi1 avx2 bmi2 sha_ni vaes";
    private const string SapphireFlags = "fpu vme sse sse2 ht pni ssse3 fma sse4_1 sse4_2 avx f16c avx2 avx512f avx512dq avx512bw avx512vl avx512_vnni avx512_bf16 avx512_fp16 amx_bf16 amx_tile amx_int8 avx_vnni";

    /// <summary>This project's build VM: "AMD EPYC", family 26 model 2, 2 vCPUs on 2 cores.</summary>
    public static string AmdFamily26Vm { get; } = X86("AuthenticAMD", 26, 2, 1, "AMD EPYC", null, Zen5Flags, cpus: 2, threadsPerCore: 1);

    /// <summary>The same name one generation older: family 25 model 1, no AVX-512.</summary>
    public static string AmdFamily25Vm { get; } = X86("AuthenticAMD", 25, 1, 1, "AMD EPYC", null, MilanFlags, cpus: 2, threadsPerCore: 1);

    /// <summary>A Milan host that shows its name and microcode.</summary>
    public static string AmdEpyc7R13 { get; } = X86("AuthenticAMD", 25, 1, 1, "AMD EPYC 7R13 Processor", "0xa0011d1", MilanFlags, cpus: 4, threadsPerCore: 2);

    /// <summary>Sapphire Rapids, 4 logical CPUs on 2 cores (hyper-threading).</summary>
    public static string IntelXeonSapphireRapids { get; } =
        X86("GenuineIntel", 6, 143, 8, "Intel(R) Xeon(R) Platinum 8488C", "0x2b000590", SapphireFlags, cpus: 4, threadsPerCore: 2);

    /// <summary>Graviton3: no model name, Hardware lines after the processors as some kernels print them.</summary>
    public static string ArmGraviton3 { get; } = string.Join("\n\n", Enumerable.Range(0, 2).Select(i => $"""
        processor	: {i}
        BogoMIPS	: 2100.00
        Features	: fp asimd evtstrm aes pmull sha1 sha2 crc32 atomics fphp asimdhp cpuid asimdrdm jscvt fcma lrcpc dcpop sha3 sm3 sm4 asimddp sha512 sve asimdfhm dit uscat ilrcpc flagm ssbs paca pacg dcpodp svei8mm svebf16 i8mm bf16 dgh rng
        CPU implementer	: 0x41
        CPU architecture: 8
        CPU variant	: 0x1
        CPU part	: 0xd40
        CPU revision	: 1
        """)) + "\n\nHardware\t: Graviton\n";

    private static string X86(string vendor, int family, int model, int stepping, string name, string? microcode, string flags, int cpus, int threadsPerCore) =>
        string.Join("\n\n", Enumerable.Range(0, cpus).Select(i => $"""
            processor	: {i}
            vendor_id	: {vendor}
            cpu family	: {family}
            model		: {model}
            model name	: {name}
            stepping	: {stepping}
            {(microcode is null ? "" : $"microcode\t: {microcode}\n")}cpu MHz		: 2096.032
            physical id	: 0
            siblings	: {cpus}
            core id		: {i / threadsPerCore}
            cpu cores	: {cpus / threadsPerCore}
            flags		: {flags}
            power management:
            """)) + "\n\n";

    /// <summary>/proc/meminfo's first lines on the build VM.</summary>
    public const string MemInfo = "MemTotal:       24683756 kB\nMemFree:         1093232 kB\nMemAvailable:   20146268 kB\n";
}

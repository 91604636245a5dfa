namespace EnergyGate.Core.Measurement.Machine;

/// <summary>
/// The CPU as /proc/cpuinfo describes it. A virtual CPU may hide its model name ("AMD EPYC") while
/// family, model and flags still tell its generation, and kernels in oneDNN, MKL, ONNX Runtime and
/// llama.cpp dispatch on those flags; so each is kept, not only the name.
/// </summary>
/// <param name="Vendor"><c>vendor_id</c> (x86, e.g. <c>AuthenticAMD</c>) or <c>CPU implementer</c> (ARM, e.g. <c>0x41</c>).</param>
/// <param name="Family"><c>cpu family</c> (x86) or <c>CPU architecture</c> (ARM); null where absent.</param>
/// <param name="Model"><c>model</c> number (x86) or <c>CPU part</c> (ARM); null where absent.</param>
/// <param name="Stepping"><c>stepping</c> (x86) or variant and revision, e.g. <c>r0p1</c> (ARM).</param>
/// <param name="ModelName"><c>model name</c>, or null where the kernel gives none (most ARM machines).</param>
/// <param name="Microcode"><c>microcode</c> revision where the kernel shows it (not in most VMs' guests on ARM).</param>
/// <param name="Isa">The dispatch-relevant ISA features present, in <see cref="CpuIsa"/> order.</param>
/// <param name="LogicalCpus">Processor entries in the file.</param>
/// <param name="PhysicalCores">Distinct (physical id, core id) pairs; null where the file does not tell them (ARM).</param>
public sealed record CpuDescription(
    string? Vendor,
    string? Family,
    string? Model,
    string? Stepping,
    string? ModelName,
    string? Microcode,
    IReadOnlyList<string> Isa,
    int LogicalCpus,
    int? PhysicalCores)
{
    /// <summary>The ISA features as one fact value, e.g. <c>avx avx2 fma avx512f</c>; <c>none</c> when none is present.</summary>
    public string IsaText => Isa.Count == 0 ? "none" : string.Join(' ', Isa);
}

/// <summary>The ISA features inference kernels choose their code paths on.</summary>
public static class CpuIsa
{
    /// <summary>x86 flags, in the order they are reported.</summary>
    public static IReadOnlyList<string> X86 { get; } =
    [
        "avx", "avx2", "fma", "avx512f", "avx512bw", "avx512vl", "avx512_vnni", "avx512_bf16", "avx512_fp16",
        "amx_tile", "amx_bf16", "amx_int8", "avx_vnni",
    ];

    /// <summary>ARM <c>Features</c>, in the order they are reported.</summary>
    public static IReadOnlyList<string> Arm { get; } = ["asimd", "sve", "sve2", "i8mm", "bf16"];
}

using System.Globalization;
using EnergyGate.Core.Energy;

namespace EnergyGate.Core.Measurement.Machine;

/// <summary>
/// Fingerprint keys for the machine, and reading them below an injected root ("/" on a real machine)
/// so tests hand in /proc files from other machines.
/// </summary>
public static class MachineFacts
{
    /// <summary><c>vendor_id</c> or ARM's <c>CPU implementer</c>.</summary>
    public const string CpuVendor = "cpu_vendor";

    /// <summary>x86 <c>cpu family</c> or ARM <c>CPU architecture</c>.</summary>
    public const string CpuFamily = "cpu_family";

    /// <summary>x86 <c>model</c> number or ARM <c>CPU part</c> (<c>cpu_model</c> is the model name).</summary>
    public const string CpuModelNumber = "cpu_model_number";

    /// <summary>Stepping (x86) or rNpM (ARM); informational.</summary>
    public const string CpuStepping = "cpu_stepping";

    /// <summary>Microcode revision; informational.</summary>
    public const string CpuMicrocode = "cpu_microcode";

    /// <summary>The dispatch-relevant ISA features present, space-separated (<see cref="CpuIsa"/>).</summary>
    public const string CpuIsaKey = "cpu_isa";

    /// <summary>Logical CPUs this process may use.</summary>
    public const string LogicalCpus = "logical_cpus";

    /// <summary>Physical cores in /proc/cpuinfo; informational.</summary>
    public const string PhysicalCores = "physical_cores";

    /// <summary>MemTotal in bytes; informational.</summary>
    public const string MemoryBytes = "memory_bytes";

    /// <summary>The first GPU's total memory in bytes (NVML); informational: a MIG slice or another SKU of one name shows here.</summary>
    public const string GpuMemoryBytes = "gpu_memory_bytes";

    /// <summary>GPUs NVML reports; informational.</summary>
    public const string GpuCount = "gpu_count";

    /// <summary>The facts a report's environment table compares, in display order.</summary>
    public static IReadOnlyList<string> Shown { get; } =
    [
        "cpu_model", CpuVendor, CpuFamily, CpuModelNumber, CpuStepping, CpuMicrocode, CpuIsaKey, LogicalCpus, PhysicalCores, MemoryBytes,
        "gpu_model", GpuMemoryBytes, GpuCount, "gpu_driver", "gpu_power_limit_w", "os", "dotnet",
    ];

    /// <summary>The CPU under <paramref name="root"/>/proc/cpuinfo, or null where there is none (not Linux) or it cannot be read.</summary>
    public static CpuDescription? ReadCpu(string root, IFileReader reader) =>
        Read(root, reader, "cpuinfo") is { } text ? CpuInfoParser.Parse(text) : null;

    /// <summary>MemTotal under <paramref name="root"/>/proc/meminfo in bytes, or null.</summary>
    public static long? ReadMemoryBytes(string root, IFileReader reader) =>
        Read(root, reader, "meminfo") is { } text ? CpuInfoParser.MemoryBytes(text) : null;

    /// <summary>Adds the CPU's facts to <paramref name="facts"/>; absent values are left out, not written as "unknown".</summary>
    public static void AddCpu(IDictionary<string, string> facts, CpuDescription cpu)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(cpu);
        Add(facts, CpuVendor, cpu.Vendor);
        Add(facts, CpuFamily, cpu.Family);
        Add(facts, CpuModelNumber, cpu.Model);
        Add(facts, CpuStepping, cpu.Stepping);
        Add(facts, CpuMicrocode, cpu.Microcode);
        facts[CpuIsaKey] = cpu.IsaText;
        Add(facts, PhysicalCores, cpu.PhysicalCores?.ToString(CultureInfo.InvariantCulture));
    }

    private static void Add(IDictionary<string, string> facts, string key, string? value)
    {
        if (value is not null)
        {
            facts[key] = value;
        }
    }

    private static string? Read(string root, IFileReader reader, string file)
    {
        ArgumentNullException.ThrowIfNull(reader);
        try
        {
            return reader.ReadText(Path.Combine(root, "proc", file));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}

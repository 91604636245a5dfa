using System.Globalization;

namespace EnergyGate.Core.Measurement.Machine;

/// <summary>Parses the text of /proc/cpuinfo and /proc/meminfo; pure, so fixtures from other machines test it.</summary>
public static class CpuInfoParser
{
    /// <summary>The CPU described by <paramref name="cpuinfo"/> (x86 or ARM layout); the first processor's entry speaks for all.</summary>
    public static CpuDescription Parse(string cpuinfo)
    {
        ArgumentNullException.ThrowIfNull(cpuinfo);
        var entries = Entries(cpuinfo);
        var processors = entries.Where(e => e.ContainsKey("processor")).ToList();
        // ARM kernels print Hardware/Revision lines after the processors: the first processor is the description.
        var first = processors.FirstOrDefault() ?? entries.FirstOrDefault() ?? [];
        string? Get(string key) => first.TryGetValue(key, out var v) && v.Length > 0 ? v : null;
        var arm = Get("CPU implementer") is not null;
        var flags = (Get("flags") ?? Get("Features") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        var isa = (arm ? CpuIsa.Arm : CpuIsa.X86).Where(flags.Contains).ToList();
        var cores = processors.Where(p => p.ContainsKey("core id"))
            .Select(p => (p.GetValueOrDefault("physical id"), p["core id"])).Distinct().Count();
        return new CpuDescription(
            Vendor: arm ? Get("CPU implementer") : Get("vendor_id"),
            Family: arm ? Get("CPU architecture") : Get("cpu family"),
            Model: arm ? Get("CPU part") : Get("model"),
            Stepping: arm ? ArmStepping(Get("CPU variant"), Get("CPU revision")) : Get("stepping"),
            ModelName: Get("model name"),
            Microcode: Get("microcode"),
            Isa: isa,
            LogicalCpus: Math.Max(processors.Count, 1),
            PhysicalCores: cores > 0 ? cores : null);
    }

    /// <summary>MemTotal of <paramref name="meminfo"/> in bytes, or null when the line is missing or unreadable.</summary>
    public static long? MemoryBytes(string meminfo)
    {
        ArgumentNullException.ThrowIfNull(meminfo);
        var line = meminfo.Split('\n').FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
        var parts = line?["MemTotal:".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // The kernel writes "kB" and means KiB.
        return parts is { Length: > 0 } && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var kib) ? kib * 1024 : null;
    }

    // "r0p1", the way ARM's manuals name a core revision.
    private static string? ArmStepping(string? variant, string? revision) =>
        variant is null || revision is null ? null
        : string.Create(CultureInfo.InvariantCulture, $"r{ParseHex(variant)}p{revision}");

    private static int ParseHex(string text) =>
        int.TryParse(text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? text[2..] : text, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var v) ? v : 0;

    // Blank lines separate processors; each line is "key<tabs>: value".
    private static List<Dictionary<string, string>> Entries(string text)
    {
        var entries = new List<Dictionary<string, string>>();
        Dictionary<string, string>? current = null;
        foreach (var raw in text.Replace("\r", "", StringComparison.Ordinal).Split('\n'))
        {
            var colon = raw.IndexOf(':', StringComparison.Ordinal);
            if (raw.Trim().Length == 0 || colon < 0)
            {
                current = null;
                continue;
            }
            if (current is null)
            {
                current = new Dictionary<string, string>(StringComparer.Ordinal);
                entries.Add(current);
            }
            current.TryAdd(raw[..colon].Trim(), raw[(colon + 1)..].Trim());
        }
        return entries;
    }
}

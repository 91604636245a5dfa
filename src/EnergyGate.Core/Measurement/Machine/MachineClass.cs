using System.Text.RegularExpressions;

namespace EnergyGate.Core.Measurement.Machine;

/// <summary>
/// The derived machine class: which machines are interchangeable for a comparison. It is made of
/// what changes the code path and the parallelism (vendor, family, model number, dispatch ISA set,
/// logical CPUs); stepping, microcode and memory size are shown but do not split classes, since they
/// rarely change which kernel runs and would make every patched host a class of its own.
/// </summary>
public static partial class MachineClass
{
    /// <summary>
    /// The class label, e.g. <c>amd-epyc-f26m2-2c</c>: the name part (<see cref="NamePart"/>), then family,
    /// model number and logical CPUs where /proc/cpuinfo told them. The ISA set is not in the label (it
    /// would be unreadable in a file name); it is compared as the <c>cpu_isa</c> fact.
    /// </summary>
    public static string Derive(string cpuModel, string? gpuModel, IReadOnlyDictionary<string, string> facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var name = NamePart(cpuModel, gpuModel);
        if (!facts.TryGetValue(MachineFacts.CpuFamily, out var family) || !facts.TryGetValue(MachineFacts.CpuModelNumber, out var model))
        {
            return name;
        }
        var cores = facts.TryGetValue(MachineFacts.LogicalCpus, out var n) ? $"-{Slug(n)}c" : "";
        return $"{name}-f{Slug(family)}m{Slug(model)}{cores}";
    }

    /// <summary>
    /// The name-only label this tool derived before it read CPU families (<c>amd-epyc</c>, <c>nvidia-h200</c>):
    /// a baseline recorded then carries it, so it is the part such a baseline is matched on.
    /// </summary>
    public static string NamePart(string cpuModel, string? gpuModel)
    {
        ArgumentNullException.ThrowIfNull(cpuModel);
        var slug = Slug(gpuModel ?? cpuModel);
        slug = string.Join('-', slug.Split('-', StringSplitOptions.RemoveEmptyEntries).Where(w => w is not ("r" or "tm" or "cpu" or "processor" or "with")).Take(4));
        return slug.Length == 0 ? "unknown" : slug;
    }

    private static string Slug(string text) => NonWord().Replace(text.ToLowerInvariant(), "-").Trim('-');

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NonWord();
}

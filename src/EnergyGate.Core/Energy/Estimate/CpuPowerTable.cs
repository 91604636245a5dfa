namespace EnergyGate.Core.Energy.Estimate;

/// <summary>
/// Published TDP and thread counts of CPUs common on CI runners, keyed by a substring of the
/// <c>/proc/cpuinfo</c> model name. Watts per logical CPU = TDP / threads: a deliberately simple
/// model whose only job is to be the same on both sides of a comparison.
/// </summary>
public static class CpuPowerTable
{
    /// <summary>Used when the model is unknown and nothing is configured.</summary>
    public const double GenericWattsPerCore = 10;

    /// <summary>The entries: model substring, TDP watts, logical CPUs.</summary>
    public static IReadOnlyList<(string Model, double TdpWatts, int Threads)> Entries { get; } =
    [
        ("EPYC 7763", 280, 128),          // GitHub-hosted Linux runners (Azure Dasv5)
        ("EPYC 9V74", 400, 160),          // Azure Dasv6
        ("EPYC 7R13", 280, 128),          // AWS m6a/c6a
        ("Xeon(R) Platinum 8370C", 270, 64),
        ("Xeon(R) Platinum 8272CL", 195, 52),
        ("Xeon(R) Platinum 8171M", 165, 52),
        ("Xeon(R) CPU E5-2673 v4", 135, 40),
        ("Core(TM) i7-12700", 65, 20),
        ("Apple M1", 20, 8),
    ];

    /// <summary>
    /// Watts per busy logical CPU and a sentence saying where the number came from.
    /// </summary>
    public static (double Watts, string Source) PerCoreWatts(EstimateOptions options, string? cpuModel, int logicalCpus)
    {
        if (options.PerCoreWatts is { } w)
        {
            return (w, $"{w} W per core from configuration");
        }
        if (options.TdpWatts is { } tdp)
        {
            var cores = options.Cores ?? logicalCpus;
            return (tdp / cores, $"configured TDP {tdp} W / {cores} cores");
        }
        foreach (var (model, tdpWatts, threads) in Entries)
        {
            if (cpuModel?.Contains(model, StringComparison.OrdinalIgnoreCase) == true)
            {
                return (tdpWatts / threads, $"table entry '{model}': {tdpWatts} W / {threads} threads");
            }
        }
        return (GenericWattsPerCore, $"generic fallback {GenericWattsPerCore} W per core (CPU model '{cpuModel ?? "unknown"}' not in the table; set measurement.cpu-tdp-watts or cpu-core-watts in energygate.yml to improve)");
    }

    /// <summary>The first <c>model name</c> in a /proc/cpuinfo text, or null.</summary>
    public static string? ModelFromCpuInfo(string cpuinfo) =>
        cpuinfo.Split('\n')
            .Where(l => l.StartsWith("model name", StringComparison.Ordinal))
            .Select(l => l[(l.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim())
            .FirstOrDefault();
}

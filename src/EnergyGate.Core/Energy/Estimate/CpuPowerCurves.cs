namespace EnergyGate.Core.Energy.Estimate;

/// <summary>
/// Idle and fully loaded watts per logical CPU by microarchitecture, hand-entered from Cloud Carbon
/// Footprint's coefficients (Apache-2.0; derived from SPECpower_ssj2008 results), and the CPU models
/// of common CI machines mapped to those architectures. Where each number comes from:
/// <c>DATA-SOURCES.md</c> next to this file.
/// </summary>
public static class CpuPowerCurves
{
    /// <summary>Per-vCPU power at 0 % and 100 % load, rounded to 4 decimals from the source.</summary>
    public static IReadOnlyList<(string Architecture, double IdleWatts, double LoadedWatts)> Architectures { get; } =
    [
        ("Sky Lake", 0.6446, 4.1934),
        ("Cascade Lake", 0.6389, 3.9673),
        ("Broadwell", 0.7128, 3.6853),
        ("Haswell", 1.9006, 6.0129),
        ("Coffee Lake", 1.1384, 5.4218),
        ("EPYC 1st Gen", 0.8227, 2.5531),
        ("EPYC 2nd Gen", 0.4743, 1.6930),
    ];

    /// <summary>
    /// CPU model substrings (as in <c>/proc/cpuinfo</c>) with their architecture; the generation of
    /// each part is public (vendor product pages). A model not here falls back to its TDP.
    /// </summary>
    public static IReadOnlyList<(string Model, string Architecture)> Models { get; } =
    [
        ("Xeon(R) Platinum 8171M", "Sky Lake"),        // Azure Dv3/Ev3
        ("Xeon(R) Platinum 8175M", "Sky Lake"),        // AWS m5/c5 (first generation)
        ("Xeon(R) Platinum 8272CL", "Cascade Lake"),   // Azure Dv4/Ev4
        ("Xeon(R) Platinum 8259CL", "Cascade Lake"),   // AWS m5/c5 (second generation)
        ("Xeon(R) CPU E5-2673 v4", "Broadwell"),       // Azure Dv2/Dv3 (older hosts)
        ("Xeon(R) CPU E5-2673 v3", "Haswell"),         // Azure Dv2
        ("EPYC 7571", "EPYC 1st Gen"),                 // AWS m5a/r5a
        ("EPYC 7R32", "EPYC 2nd Gen"),                 // AWS c5a/m5a (second generation)
        ("EPYC 7452", "EPYC 2nd Gen"),                 // Azure Dav4/Eav4
    ];

    /// <summary>
    /// Idle power as a share of loaded power where only a TDP is known: the median idle/loaded
    /// ratio of <see cref="Architectures"/> (0.21), so the fallback follows the same data.
    /// </summary>
    public static double IdleFraction { get; } = MedianRatio();

    /// <summary>The architecture row whose model substring occurs in <paramref name="cpuModel"/>, or null.</summary>
    public static (string Model, string Architecture, double IdleWatts, double LoadedWatts)? Find(string? cpuModel)
    {
        foreach (var (model, architecture) in Models)
        {
            if (cpuModel?.Contains(model, StringComparison.OrdinalIgnoreCase) == true)
            {
                var row = Architectures.First(a => a.Architecture == architecture);
                return (model, architecture, row.IdleWatts, row.LoadedWatts);
            }
        }
        return null;
    }

    private static double MedianRatio()
    {
        var ratios = Architectures.Select(a => a.IdleWatts / a.LoadedWatts).Order().ToList();
        return ratios.Count % 2 == 1 ? ratios[ratios.Count / 2] : (ratios[(ratios.Count / 2) - 1] + ratios[ratios.Count / 2]) / 2;
    }
}

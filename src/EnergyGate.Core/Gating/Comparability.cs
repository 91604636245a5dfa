using EnergyGate.Core.Baselines;

namespace EnergyGate.Core.Gating;

/// <summary>Fingerprint and setting differences between a baseline and the candidate.</summary>
internal static class Comparability
{
    /// <summary>Every compared fingerprint field that differs, as (field, old, new); <paramref name="rules"/> says which block.</summary>
    public static (List<SettingChange> Blocking, List<SettingChange> Relaxed) FingerprintDifferences(
        EnvironmentFingerprint baseline, EnvironmentFingerprint candidate, ComparabilityRules rules)
    {
        var fields = new (string Key, string? Old, string? New, bool Required)[]
        {
            ("machine_class", baseline.MachineClass, candidate.MachineClass, rules.MachineClass),
            ("cpu_model", baseline.CpuModel, candidate.CpuModel, rules.CpuModel),
            ("gpu_model", baseline.GpuModel, candidate.GpuModel, rules.GpuModel),
            ("meter_kind", Lower(baseline.MeterKind), Lower(candidate.MeterKind), rules.MeterKind),
        };
        var differing = fields.Where(f => f.Old != f.New).ToList();
        return ([.. differing.Where(f => f.Required).Select(f => new SettingChange(f.Key, f.Old, f.New))],
                [.. differing.Where(f => !f.Required).Select(f => new SettingChange(f.Key, f.Old, f.New))]);
    }

    /// <summary>Under-test settings that differ, in key order.</summary>
    public static List<SettingChange> SettingChanges(UnderTest baseline, UnderTest candidate) =>
        [.. baseline.Settings.Keys.Union(candidate.Settings.Keys).Order(StringComparer.Ordinal)
            .Select(k => new SettingChange(k, baseline.Settings.GetValueOrDefault(k), candidate.Settings.GetValueOrDefault(k)))
            .Where(c => c.Old != c.New)];

    private static string Lower(MeterKind kind) => kind.ToString().ToLowerInvariant();
}

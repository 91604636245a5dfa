using EnergyGate.Core.Baselines;
using EnergyGate.Core.Measurement.Machine;

namespace EnergyGate.Core.Gating;

/// <summary>Fingerprint and setting differences between a baseline and the candidate.</summary>
internal static class Comparability
{
    /// <summary>What an incomparable cell's finding tells the user to do.</summary>
    public const string IncomparableHint =
        "Record a baseline on this machine class (`dotnet energygate baseline update`) or measure base and head in one job "
        + "(`dotnet energygate run --round R/M` for each, then `dotnet energygate compare`)";

    /// <summary>Shown for a fact one side did not record (a baseline from before the fact existed); never blocks.</summary>
    public const string NotRecorded = "not recorded";

    /// <summary>Every compared fingerprint field that differs, as (field, old, new); <paramref name="rules"/> says which block.</summary>
    public static (List<SettingChange> Blocking, List<SettingChange> Relaxed) FingerprintDifferences(
        EnvironmentFingerprint baseline, EnvironmentFingerprint candidate, ComparabilityRules rules)
    {
        string? Fact(EnvironmentFingerprint fp, string key) => fp.Details.GetValueOrDefault(key);
        var fields = new List<(string Key, string? Old, string? New, bool Required)>
        {
            ("machine_class", baseline.MachineClass, candidate.MachineClass, rules.MachineClass && !LegacyClassMatches(baseline, candidate)),
            ("cpu_model", baseline.CpuModel, candidate.CpuModel, rules.CpuModel),
            ("gpu_model", baseline.GpuModel, candidate.GpuModel, rules.GpuModel),
            ("meter_kind", Lower(baseline.MeterKind), Lower(candidate.MeterKind), rules.MeterKind),
        };
        foreach (var (key, required) in ClassFacts(rules))
        {
            var (old, @new) = (Fact(baseline, key), Fact(candidate, key));
            // A fact one side never recorded cannot tell a difference: shown, not blocking.
            fields.Add(old is null || @new is null ? (key, old ?? NotRecorded, @new ?? NotRecorded, false) : (key, old, @new, required));
        }
        var differing = fields.Where(f => f.Old != f.New).ToList();
        return ([.. differing.Where(f => f.Required).Select(f => new SettingChange(f.Key, f.Old, f.New))],
                [.. differing.Where(f => !f.Required).Select(f => new SettingChange(f.Key, f.Old, f.New))]);
    }

    /// <summary>Under-test settings that differ, in key order.</summary>
    public static List<SettingChange> SettingChanges(UnderTest baseline, UnderTest candidate) =>
        [.. baseline.Settings.Keys.Union(candidate.Settings.Keys).Order(StringComparer.Ordinal)
            .Select(k => new SettingChange(k, baseline.Settings.GetValueOrDefault(k), candidate.Settings.GetValueOrDefault(k)))
            .Where(c => c.Old != c.New)];

    // The facts the derived machine class is made of, each with the rule that lets it block.
    private static (string Key, bool Required)[] ClassFacts(ComparabilityRules rules) =>
    [
        (MachineFacts.CpuVendor, rules.CpuFamily),
        (MachineFacts.CpuFamily, rules.CpuFamily),
        (MachineFacts.CpuModelNumber, rules.CpuFamily),
        (MachineFacts.CpuIsaKey, rules.CpuIsa),
        (MachineFacts.LogicalCpus, rules.CpuCores),
    ];

    // A baseline recorded before the CPU family was read carries the name-only class (amd-epyc); it still
    // has to be the same name, while the facts it lacks are shown as not recorded.
    private static bool LegacyClassMatches(EnvironmentFingerprint baseline, EnvironmentFingerprint candidate) =>
        !baseline.Details.ContainsKey(MachineFacts.CpuFamily)
        && baseline.MachineClass == MachineClass.NamePart(candidate.CpuModel, candidate.GpuModel);

    private static string Lower(MeterKind kind) => kind.ToString().ToLowerInvariant();
}

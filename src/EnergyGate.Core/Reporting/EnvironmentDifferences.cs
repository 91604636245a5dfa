using System.Globalization;
using System.Text;
using EnergyGate.Core.Baselines;
using EnergyGate.Core.Measurement.Machine;

namespace EnergyGate.Core.Reporting;

/// <summary>
/// The environment block's table of what differs between a baseline's machine and the current one,
/// so a reviewer sees "cpu_family 25 -> 26" instead of two machines both called "AMD EPYC".
/// </summary>
internal static class EnvironmentDifferences
{
    /// <summary>One table per distinct baseline machine that differs from <paramref name="current"/>; nothing when all match.</summary>
    public static void Append(StringBuilder text, IEnumerable<EnvironmentFingerprint> baselines, EnvironmentFingerprint current)
    {
        var tables = baselines.Select(b => Rows(b, current)).Where(r => r.Count > 0)
            .DistinctBy(r => string.Join('\n', r)).ToList();
        foreach (var rows in tables)
        {
            text.Append("\n| Fact | Baseline | Current |\n|---|---|---|\n");
            foreach (var row in rows)
            {
                text.Append(row).Append('\n');
            }
            text.Append('\n');
        }
    }

    /// <summary>The differing facts as Markdown rows, machine class and meter first, then <see cref="MachineFacts.Shown"/> in order.</summary>
    public static List<string> Rows(EnvironmentFingerprint baseline, EnvironmentFingerprint current) =>
        [.. Facts(baseline, current).Select(f => $"| {Cell(f.Key)} | {Cell(f.Old)} | {Cell(f.New)} |")];

    /// <summary>The differing facts as shown (GiB, "not recorded"), in the order of <see cref="Rows"/>.</summary>
    public static List<(string Key, string Old, string New)> Facts(EnvironmentFingerprint baseline, EnvironmentFingerprint current)
    {
        var facts = new List<(string Key, string? Old, string? New)>
        {
            ("machine_class", baseline.MachineClass, current.MachineClass),
            ("meter_kind", baseline.MeterKind.ToString(), current.MeterKind.ToString()),
        };
        facts.AddRange(MachineFacts.Shown.Select(k => (k, Fact(baseline, k), Fact(current, k))));
        // Compared as shown: MemTotal and the runtime's view of memory differ by a few KiB, not by a row.
        return [.. facts.Where(f => f.Old is not null || f.New is not null)
            .Select(f => (f.Key, Old: Shown(f.Key, f.Old), New: Shown(f.Key, f.New))).Where(f => f.Old != f.New)];
    }

    // The record's own CPU and GPU models are what the gate compares; the details only repeat them.
    private static string? Fact(EnvironmentFingerprint fp, string key) => key switch
    {
        "cpu_model" => fp.CpuModel,
        "gpu_model" => fp.GpuModel ?? "none",
        _ => fp.Details.GetValueOrDefault(key),
    };

    private static string Shown(string key, string? value) => value switch
    {
        null => Gating.Comparability.NotRecorded,
        // Bytes in full are unreadable at a glance; GiB with one decimal, always with a point.
        _ when key == MachineFacts.MemoryBytes && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var bytes) =>
            (bytes / 1073741824.0).ToString("0.0", CultureInfo.InvariantCulture) + " GiB",
        _ => value,
    };

    private static string Cell(string text) => System.Net.WebUtility.HtmlEncode(text).Replace("|", "\\|", StringComparison.Ordinal);
}

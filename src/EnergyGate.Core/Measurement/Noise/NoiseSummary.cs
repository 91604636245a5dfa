using System.Globalization;

namespace EnergyGate.Core.Measurement.Noise;

/// <summary>
/// How steady the machine was over one run, from its <see cref="NoiseRecord"/>s. Travels to the
/// gate and the reports as <c>noise.*</c> facts of the candidate's fingerprint details.
/// </summary>
/// <param name="Probes">Probes taken.</param>
/// <param name="MedianSeconds">Median probe time.</param>
/// <param name="Spread">Coefficient of variation of the probe times (standard deviation / mean).</param>
/// <param name="Drift">
/// Largest relative deviation, from the median of the <see cref="NoiseMonitor.ReferenceProbes"/>
/// reference probes, of the median of any three consecutive later probes: a change that lasts at
/// least two probes, not one hiccup (a GC, a page fault).
/// </param>
/// <param name="Steal">Share of the machine's CPU ticks stolen by the hypervisor between the first and last probe; null where /proc/stat was unreadable.</param>
/// <param name="Iowait">Share of ticks idle waiting for I/O over the same span; null where unreadable.</param>
/// <param name="MinFrequencyKhz">Lowest CPU frequency read at any probe; null where cpufreq is absent.</param>
/// <param name="MaxFrequencyKhz">Highest CPU frequency read; null where cpufreq is absent.</param>
public sealed record NoiseSummary(
    int Probes, double MedianSeconds, double Spread, double Drift, double? Steal, double? Iowait, long? MinFrequencyKhz, long? MaxFrequencyKhz)
{
    private const string Prefix = "noise.";

    /// <summary>(max - min) / max of the frequencies read; null where none were.</summary>
    public double? FrequencySpread => MaxFrequencyKhz is > 0 && MinFrequencyKhz is { } min ? (MaxFrequencyKhz.Value - min) / (double)MaxFrequencyKhz.Value : null;

    /// <summary>
    /// How much slower the probe ran than in the baseline's run (median over median, minus 1; 0 when
    /// faster): a neighbour present for the whole run moves no probe within it, but shows here. Null
    /// where no baseline with probes is being compared. Set by the gate per cell, never stored.
    /// </summary>
    public double? SlowerThanBaseline { get; init; }

    /// <summary>How far the machine itself moved: the largest of drift, spread and the slowdown against the baseline's run, plus steal.</summary>
    public double Movement => Math.Max(Math.Max(Drift, Spread), SlowerThanBaseline ?? 0) + (Steal ?? 0);

    /// <summary>This run's summary with its slowdown against <paramref name="baseline"/>'s probes; unchanged when the baseline has none.</summary>
    public NoiseSummary Against(NoiseSummary? baseline) =>
        baseline is { MedianSeconds: > 0 } b ? this with { SlowerThanBaseline = Math.Max(0, MedianSeconds / b.MedianSeconds - 1) } : this;

    /// <summary>The summary of the run's probes, in file order; null when the run recorded none.</summary>
    public static NoiseSummary? From(IEnumerable<JournalRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var probes = records.OfType<NoiseRecord>().ToList();
        if (probes.Count == 0)
        {
            return null;
        }
        var times = probes.Select(p => p.ProbeSeconds).ToList();
        var mean = times.Average();
        var spread = mean > 0 ? Math.Sqrt(times.Sum(t => (t - mean) * (t - mean)) / times.Count) / mean : 0;
        var reference = Median(times.Take(NoiseMonitor.ReferenceProbes).ToList());
        var later = times.Skip(NoiseMonitor.ReferenceProbes).ToList();
        var windows = later.Count <= 3 ? (later.Count == 0 ? [] : [Median(later)]) : Enumerable.Range(0, later.Count - 2).Select(i => Median(later.GetRange(i, 3))).ToList();
        var drift = reference > 0 && windows.Count > 0 ? windows.Max(m => Math.Abs(m / reference - 1)) : 0;
        var ticked = probes.Where(p => p.CpuTotalTicks is not null && p.CpuStealTicks is not null && p.CpuIowaitTicks is not null).ToList();
        double? Share(Func<NoiseRecord, long> part)
        {
            var total = ticked.Count < 2 ? 0 : ticked[^1].CpuTotalTicks!.Value - ticked[0].CpuTotalTicks!.Value;
            return total > 0 ? Math.Max(0, part(ticked[^1]) - part(ticked[0])) / (double)total : null;
        }
        var frequencies = probes.SelectMany(p => p.FrequenciesKhz).Where(f => f > 0).ToList();
        return new NoiseSummary(probes.Count, Median(times), spread, drift,
            Share(p => p.CpuStealTicks!.Value), Share(p => p.CpuIowaitTicks!.Value),
            frequencies.Count == 0 ? null : frequencies.Min(), frequencies.Count == 0 ? null : frequencies.Max());
    }

    /// <summary>The figures as fingerprint facts (<c>noise.probes</c>, <c>noise.probe_median_ms</c>...), invariant culture.</summary>
    public IReadOnlyDictionary<string, string> ToDetails()
    {
        var details = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [Prefix + "probes"] = Probes.ToString(CultureInfo.InvariantCulture),
            [Prefix + "probe_median_ms"] = Text(MedianSeconds * 1000),
            [Prefix + "probe_spread"] = Text(Spread),
            [Prefix + "probe_drift"] = Text(Drift),
        };
        Put(details, "steal", Steal is { } s ? Text(s) : null);
        Put(details, "iowait", Iowait is { } w ? Text(w) : null);
        Put(details, "frequency_min_khz", MinFrequencyKhz?.ToString(CultureInfo.InvariantCulture));
        Put(details, "frequency_max_khz", MaxFrequencyKhz?.ToString(CultureInfo.InvariantCulture));
        return details;
    }

    /// <summary>Reads <see cref="ToDetails"/> back; null when the facts are absent (a run from before the probe) or malformed.</summary>
    public static NoiseSummary? FromDetails(IReadOnlyDictionary<string, string> details)
    {
        ArgumentNullException.ThrowIfNull(details);
        double? D(string key) => details.TryGetValue(Prefix + key, out var v) && double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) && d >= 0 ? d : null;
        long? L(string key) => details.TryGetValue(Prefix + key, out var v) && long.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var l) ? l : null;
        return (L("probes"), D("probe_median_ms"), D("probe_spread"), D("probe_drift")) is ({ } n, { } median, { } spread, { } drift)
            ? new NoiseSummary((int)Math.Min(n, int.MaxValue), median / 1000, spread, drift, D("steal"), D("iowait"), L("frequency_min_khz"), L("frequency_max_khz"))
            : null;
    }

    private static void Put(Dictionary<string, string> details, string key, string? value)
    {
        if (value is not null)
        {
            details[Prefix + key] = value;
        }
    }

    private static string Text(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}

using System.Globalization;
using EnergyGate.Core.Gating;

namespace EnergyGate.Core.Measurement.Noise;

/// <summary>The noise figures as text, shared by the reports and <c>run</c>'s closing notes (invariant culture).</summary>
public static class NoiseText
{
    /// <summary>e.g. <c>median 31.2 ms over 14 probes, spread 1.2 %, drift 0.8 % from the first 3</c>.</summary>
    public static string Probe(NoiseSummary s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return Inv($"median {s.MedianSeconds * 1000:0.0} ms over {s.Probes} probes, spread {NoiseVerdict.Percent(s.Spread)}, drift {NoiseVerdict.Percent(s.Drift)} from the first {Math.Min(s.Probes, NoiseMonitor.ReferenceProbes)}");
    }

    /// <summary>Steal and iowait, or why they are missing.</summary>
    public static string Steal(NoiseSummary s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return s.Steal is { } steal
            ? $"steal {NoiseVerdict.Percent(steal)}, iowait {(s.Iowait is { } w ? NoiseVerdict.Percent(w) : "n/a")}"
            : "not readable (/proc/stat missing or fewer than two readings)";
    }

    /// <summary>The clock range seen at the probes, or that cpufreq is absent.</summary>
    public static string Frequency(NoiseSummary s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return s is { MinFrequencyKhz: { } min, MaxFrequencyKhz: { } max, FrequencySpread: { } spread }
            ? Inv($"{min / 1000.0:0}-{max / 1000.0:0} MHz (spread {NoiseVerdict.Percent(spread)})")
            : "not readable (no cpufreq scaling_cur_freq; common on VMs)";
    }

    /// <summary><c>run</c>'s closing note: the figures and the verdict at the configured warn threshold; null without probes.</summary>
    public static string? ConsoleLine(NoiseSummary? summary, GatePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (summary is null)
        {
            return null;
        }
        var verdict = NoiseVerdict.Judge(summary, policy.Noise, policy.Warn);
        var tail = verdict.TooNoisy
            ? policy.Noise.Enabled ? "; the gate will report regressions of this run as inconclusive (EG1003): measure again on a quiet machine" : "; the noise rule is off (gate.noise.enabled: false)"
            : "";
        return $"machine noise: {verdict.Text} (probe {Probe(summary)}; CPU {Steal(summary)}; frequency {Frequency(summary)}){tail}";
    }

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

using System.Globalization;
using EnergyGate.Core.Gating;

namespace EnergyGate.Core.Measurement.Noise;

/// <summary>Whether a run's machine was steady enough to support a decision at a warn threshold.</summary>
/// <param name="TooNoisy">True when some figure is beyond its limit.</param>
/// <param name="Reasons">Each figure beyond its limit, with the limit (invariant culture).</param>
public sealed record NoiseVerdict(bool TooNoisy, IReadOnlyList<string> Reasons)
{
    /// <summary>"steady", or "too noisy: ..." with every reason.</summary>
    public string Text => TooNoisy ? "too noisy: " + string.Join("; ", Reasons) : "steady";

    /// <summary>
    /// Judges <paramref name="summary"/> against <paramref name="limits"/> at warn threshold
    /// <paramref name="warn"/> (0.05 = 5 %). Pure: recorded figures always give the same verdict.
    /// Iowait and frequency are reported, not judged: iowait is idle time, which charges no CPU time,
    /// and turbo clocks move with load on a healthy machine.
    /// </summary>
    public static NoiseVerdict Judge(NoiseSummary summary, NoiseLimits limits, double warn)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(limits);
        var reasons = new List<string>();
        var drift = limits.DriftOfWarn * warn;
        if (summary.Drift > drift)
        {
            reasons.Add(Inv($"probe drift {Percent(summary.Drift)} > {Percent(drift)} ({limits.DriftOfWarn:0.##} x warn {Percent(warn)})"));
        }
        var spread = limits.SpreadOfWarn * warn;
        if (summary.Spread > spread)
        {
            reasons.Add(Inv($"probe spread {Percent(summary.Spread)} > {Percent(spread)} ({limits.SpreadOfWarn:0.##} x warn {Percent(warn)})"));
        }
        if (summary.SlowerThanBaseline is { } slower && slower > drift)
        {
            reasons.Add(Inv($"probe {Percent(slower)} slower than in the baseline's run > {Percent(drift)} ({limits.DriftOfWarn:0.##} x warn {Percent(warn)})"));
        }
        if (summary.Steal is { } steal && steal > limits.MaxSteal)
        {
            reasons.Add(Inv($"CPU steal {Percent(steal)} > {Percent(limits.MaxSteal)}"));
        }
        return new NoiseVerdict(reasons.Count > 0, reasons);
    }

    /// <summary>
    /// Whether a worsening whose interval starts at <paramref name="ratioLower"/> (1.3 = +30 %) is
    /// within what the machine's own movement, times <paramref name="factor"/>
    /// (<see cref="NoiseLimits.ExplainFactor"/>), could produce; a larger one is evidence even on a noisy machine.
    /// </summary>
    public static bool CanExplain(NoiseSummary summary, double ratioLower, double factor)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return !(ratioLower - 1 > factor * summary.Movement);
    }

    /// <summary>A share as a percentage with one decimal, e.g. <c>2.5 %</c>.</summary>
    public static string Percent(double share) => (share * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %";

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

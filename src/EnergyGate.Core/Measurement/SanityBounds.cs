using System.Globalization;

namespace EnergyGate.Core.Measurement;

/// <summary>
/// What a measured number may be. Everything a run records is a count, a duration or an energy:
/// finite and never negative. The upper bounds sit orders of magnitude above anything a benchmark
/// sample can produce, so they never reject a real measurement, only a forged or corrupted one
/// (<c>1e999</c> read as infinity made a baseline cell impossible to fail).
/// </summary>
internal static class SanityBounds
{
    /// <summary>
    /// 1 GJ (278 kWh): a 1 kW server busy for 11.6 days on one sample or one problem. Real samples
    /// are millijoules to kilojoules.
    /// </summary>
    public const double MaxJoules = 1e9;

    /// <summary>1e6 s (11.6 days) for one phase of one sample; a stuck generation is cut long before.</summary>
    public const double MaxSeconds = 1e6;

    /// <summary>1e8 tokens (or tokens per second): ten times the largest context window any model has.</summary>
    public const double MaxTokens = 1e8;

    /// <summary>
    /// 1e18 FLOPs or bytes for one sample: a 70 B-parameter model over a million tokens does ~1.4e17,
    /// and a long holds at most 9.2e18, so only a corrupted value comes near.
    /// </summary>
    public const double MaxWork = 1e18;

    /// <summary>1e8 kHz (100 GHz) for a CPU clock: no processor comes within a factor of ten.</summary>
    public const double MaxKilohertz = 1e8;

    /// <summary>1 MW of idle power: no single machine draws that.</summary>
    public const double MaxWatts = 1e6;

    /// <summary>Null when <paramref name="value"/> is finite and in [0, <paramref name="max"/>]; else what is wrong and what was expected.</summary>
    public static string? Problem(double value, double max, string unit)
    {
        var expected = string.Create(CultureInfo.InvariantCulture, $"expected a finite number >= 0 and at most {max:G3}{(unit.Length == 0 ? "" : " " + unit)} (the sanity bound)");
        return double.IsFinite(value) && value >= 0 && value <= max
            ? null
            : $"{Text(value)}; {expected}";
    }

    /// <summary>The value as the file would show it (NaN and infinities by name).</summary>
    public static string Text(double value) => value switch
    {
        double.NaN => "NaN",
        double.PositiveInfinity => "Infinity (a number too large for a double, e.g. 1e999)",
        double.NegativeInfinity => "-Infinity",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };
}

using System.Globalization;

namespace EnergyGate.Core.Configuration;

/// <summary>
/// The one definition of each value format, shared by the file, environment variables and the
/// command line, so the three sources cannot drift apart.
/// </summary>
internal static class ValueFormats
{
    /// <summary>Upper bound for timeouts; keeps <see cref="TimeSpan.FromSeconds(double)"/> from overflowing.</summary>
    public const double MaxSeconds = 86_400;

    public const string PositiveInteger = "a positive integer";
    public const string Seconds = "a number of seconds greater than 0 and at most 86400";

    /// <summary>Decimal digits only: no sign, hex or underscores, which YAML dialects disagree on.</summary>
    public static bool TryParsePositiveInt(string text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value > 0;

    public static bool TryParseSeconds(string text, out double value) =>
        double.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out value)
        && IsValidSeconds(value);

    public static bool IsValidSeconds(double value) => value > 0 && value <= MaxSeconds;

    public const string NonNegativeInteger = "an integer of 0 or more";

    /// <summary>What a bounded count expects, e.g. "a positive integer of at most 1000".</summary>
    public static string PositiveIntegerAtMost(int max) =>
        string.Create(CultureInfo.InvariantCulture, $"a positive integer of at most {max}");

    /// <summary>What a bounded count that may be 0 expects.</summary>
    public static string IntegerFromZeroTo(int max) =>
        string.Create(CultureInfo.InvariantCulture, $"an integer from 0 to {max}");

    public static bool TryParseNonNegativeInt(string text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);

    public static bool TryParseNumber(string text, out double value) =>
        double.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out value);

    public static string NumberBetween(double min, double max) =>
        string.Create(CultureInfo.InvariantCulture, $"a number from {min} to {max}");

    /// <summary>Quotes a found value for a message; long values are cut so one error stays one line.</summary>
    public static string Quote(string text)
    {
        const int max = 60;
        var shown = text.Length > max ? string.Concat(text.AsSpan(0, max), "…") : text;
        return "\"" + shown.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal) + "\"";
    }
}

using System.Globalization;
using System.Text.RegularExpressions;
using EnergyGate.Core.Baselines;
using EnergyGate.Core.Gating;

namespace EnergyGate.Core.Configuration;

/// <summary>
/// Value formats of the <c>gate:</c> section and the related top-level keys, shared by the file,
/// the environment and the command line so <c>fail-on</c> means the same everywhere.
/// </summary>
internal static partial class GateValues
{
    public static IReadOnlyList<string> FailOnNames { get; } = ["regression", "inconclusive", "never"];

    public static IReadOnlyList<string> IncomparableNames { get; } = ["report", "fail", "compare-anyway"];

    public static IReadOnlyList<string> KnownMetrics { get; } = [.. MetricCatalog.All.Select(m => m.Id)];

    /// <summary>Metric ids an acknowledgement may name: the measured ones, the accuracy test, or any.</summary>
    public static IReadOnlyList<string> AcknowledgedMetricIds { get; } = [.. KnownMetrics, MetricIds.Accuracy, "*"];

    public const string Ratio = "a percentage such as 5% or a fraction below 1 such as 0.05";

    public const string CellPatternFormat =
        "a cell pattern suite/model/runtime/provider, each part a name or * (write '/' inside a part as %2F)";

    public const string MachineClassFormat = "a machine class name of letters, digits, '.', '_' or '-'";

    public const string Date = "a valid date written YYYY-MM-DD";

    public static FailOn ParseFailOn(string name) => name switch
    {
        "inconclusive" => FailOn.Inconclusive,
        "never" => FailOn.Never,
        _ => FailOn.Regression,
    };

    public static IncomparableHandling ParseIncomparable(string name) => name switch
    {
        "fail" => IncomparableHandling.Fail,
        "compare-anyway" => IncomparableHandling.CompareAnyway,
        _ => IncomparableHandling.Report,
    };

    public static bool TryParsePercent(string text, out double value)
    {
        value = 0;
        if (!PercentPattern().IsMatch(text)
            || !double.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var percent))
        {
            return false;
        }
        value = percent / 100;
        return true;
    }

    /// <summary>
    /// The fix for a bare number of 1 or more: the user almost certainly meant a percentage
    /// (<c>warn: 5</c>), but +500% is also a reading, so the loader asks rather than guesses.
    /// </summary>
    public static string AmbiguousRatioHint(double value) =>
        string.Create(CultureInfo.InvariantCulture, $"write {value}% or {value / 100}");

    public static bool IsCellPattern(string text) => CellPatternRegex().IsMatch(text);

    public static bool IsMachineClass(string text) => MachineClassRegex().IsMatch(text);

    public static bool TryParseDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    // The same expressions appear in docs/energygate.schema.json; keep them in step.
    [GeneratedRegex(@"^[0-9]+(\.[0-9]+)?%\z")]
    private static partial Regex PercentPattern();

    // A part is either exactly '*' or a name without '/' or '*': CellPattern matches whole parts only.
    [GeneratedRegex(@"^(\*|[^/*]+)(/(\*|[^/*]+)){3}\z")]
    private static partial Regex CellPatternRegex();

    [GeneratedRegex(@"^[A-Za-z0-9._-]+\z")]
    private static partial Regex MachineClassRegex();
}

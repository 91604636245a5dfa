using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using EnergyGate.Core.Gating;

namespace EnergyGate.Core.Reporting.Exports;

/// <summary>One Bencher metric: the median and, where the repetitions allow, its 95 % bounds.</summary>
/// <param name="Value">The candidate's median.</param>
/// <param name="LowerValue">Lower 95 % bound of the median; null (left out) without an interval.</param>
/// <param name="UpperValue">Upper 95 % bound of the median; null (left out) without an interval.</param>
public sealed record BencherMetric(
    double Value,
    [property: JsonPropertyName("lower_value")] double? LowerValue,
    [property: JsonPropertyName("upper_value")] double? UpperValue);

/// <summary>
/// Bencher Metric Format (BMF) JSON for <c>bencher run --adapter json</c>:
/// <c>{"BENCHMARK": {"MEASURE": {"value", "lower_value", "upper_value"}}}</c>. The benchmark is
/// the cell key (suite/model/runtime/provider); the measure is the metric id as a slug
/// (<see cref="Slug"/>), which Bencher creates on first use. Both directions share one document:
/// Bencher keeps the direction in its thresholds.
/// </summary>
public static class BencherExport
{
    /// <summary>Bencher's longest measure slug.</summary>
    public const int MaxSlugLength = 64;

    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Benchmark (cell key) to measure slug to metric, cells and metrics in report order.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, BencherMetric>> Document(GateResult result)
    {
        var document = new Dictionary<string, IReadOnlyDictionary<string, BencherMetric>>(StringComparer.Ordinal);
        foreach (var cell in ExportRows.For(result).GroupBy(r => r.Cell.ToString(), StringComparer.Ordinal))
        {
            var measures = new Dictionary<string, BencherMetric>(StringComparer.Ordinal);
            foreach (var row in cell)
            {
                // Two ids that differ only in punctuation would share a slug; the first (catalog order) wins.
                if (Slug(row.Metric) is { Length: > 0 } slug)
                {
                    measures.TryAdd(slug, new BencherMetric(row.Value, row.Interval?.Lower, row.Interval?.Upper));
                }
            }
            document[cell.Key] = measures;
        }
        return document;
    }

    /// <summary>The BMF JSON text.</summary>
    public static string Render(GateResult result) => JsonSerializer.Serialize(Document(result), Options) + "\n";

    /// <summary>
    /// A metric id as a Bencher slug: lower case, every run of characters outside [a-z0-9] one '-',
    /// none at either end, at most <see cref="MaxSlugLength"/> characters
    /// (<c>joules_per_problem</c> -> <c>joules-per-problem</c>, <c>pass_at_1</c> -> <c>pass-at-1</c>).
    /// </summary>
    public static string Slug(string metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        var slug = new StringBuilder(metric.Length);
        foreach (var c in metric.ToLowerInvariant())
        {
            if (c is (>= 'a' and <= 'z') or (>= '0' and <= '9'))
            {
                slug.Append(c);
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }
        var text = slug.ToString();
        return (text.Length > MaxSlugLength ? text[..MaxSlugLength] : text).TrimEnd('-');
    }
}

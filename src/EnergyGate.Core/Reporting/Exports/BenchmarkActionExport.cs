using System.Text.Encodings.Web;
using System.Text.Json;
using EnergyGate.Core.Gating;
using EnergyGate.Core.Statistics;

namespace EnergyGate.Core.Reporting.Exports;

/// <summary>One entry of github-action-benchmark's custom JSON (every field a string but <c>value</c>).</summary>
/// <param name="Name">"cell metric", unique in the file: the chart's title.</param>
/// <param name="Unit">The metric's unit.</param>
/// <param name="Value">The candidate's median.</param>
/// <param name="Range">"± h", h the larger distance from the median to its 95 % bounds; null when there is no interval.</param>
/// <param name="Extra">Tooltip text: repetitions, the exact interval, the energy kind.</param>
public sealed record BenchmarkActionEntry(string Name, string Unit, double Value, string? Range, string Extra);

/// <summary>
/// The tool <c>customSmallerIsBetter</c> and <c>customBiggerIsBetter</c> of
/// benchmark-action/github-action-benchmark read a JSON array of <c>{name, unit, value, range?, extra?}</c>,
/// one direction per file. So the lower-is-better figures (energy, tokens, time) form one document
/// and the higher-is-better ones (pass@1, tokens/s) a second, which the tool writes beside the first
/// as <c>NAME.bigger.json</c>.
/// </summary>
public static class BenchmarkActionExport
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        // "±" as itself: the file is data for the action, never HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The entries of one direction, in the result's cell order.</summary>
    public static IReadOnlyList<BenchmarkActionEntry> Entries(GateResult result, MetricDirection direction) =>
        [.. ExportRows.For(result).Where(r => r.Direction == direction).Select(Entry)];

    /// <summary>The JSON document for <c>customSmallerIsBetter</c> (lower is better) or <c>customBiggerIsBetter</c>.</summary>
    public static string Render(GateResult result, MetricDirection direction) => Serialize(Entries(result, direction));

    /// <summary>Serializes entries the way the action reads them.</summary>
    public static string Serialize(IReadOnlyList<BenchmarkActionEntry> entries) => JsonSerializer.Serialize(entries, Options) + "\n";

    /// <summary>Where the higher-is-better document goes: <c>out/bench.json</c> -> <c>out/bench.bigger.json</c>.</summary>
    public static string BiggerPath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var extension = Path.GetExtension(path);
        var stem = extension.Length > 0 ? path[..^extension.Length] : path;
        return stem + ".bigger" + (extension.Length > 0 ? extension : ".json");
    }

    private static BenchmarkActionEntry Entry(ExportRow row)
    {
        var extra = row.Metric == ExportRows.PassAt1
            ? Format.Inv($"pass@1 over {row.Count} tasks")
            : Format.Inv($"median of {row.Count} repetitions");
        string? range = null;
        if (row.Interval is { } i)
        {
            range = "± " + Format.Number(Math.Max(row.Value - i.Lower, i.Upper - row.Value));
            extra += Format.Inv($"; 95% interval [{Format.Number(i.Lower)}, {Format.Number(i.Upper)}]");
        }
        if (row.Kind is { } kind)
        {
            extra += $"; {kind}";
        }
        return new BenchmarkActionEntry($"{row.Cell} {row.Metric}", row.Unit, row.Value, range, extra);
    }
}

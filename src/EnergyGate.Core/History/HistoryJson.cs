using System.Text.Json;
using System.Text.Json.Serialization;
using EnergyGate.Core.Baselines;

namespace EnergyGate.Core.History;

/// <summary>Reads and writes history lines (one <see cref="HistoryEntry"/> as compact JSON) with errors naming the file and line.</summary>
public static class HistoryJson
{
    /// <summary>snake_case names and enums, compact; required members and non-null annotations enforced on read.</summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        // Cell and metric ids are keys as they are (DictionaryKeyPolicy stays null).
        WriteIndented = false,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false) },
    };

    /// <summary>The entry as one line of JSON, without the newline.</summary>
    public static string Serialize(HistoryEntry entry) => JsonSerializer.Serialize(entry, Options);

    /// <summary>Parses one line; <paramref name="path"/> and <paramref name="lineNumber"/> (1-based) name it in errors.</summary>
    /// <exception cref="EnergyGateException">Not JSON, another schema version, the wrong shape, or values that are no figures.</exception>
    public static HistoryEntry Parse(string line, string path, int lineNumber)
    {
        ArgumentNullException.ThrowIfNull(line);
        var where = $"{path}:{lineNumber}";
        CheckSchemaVersion(line, where);
        HistoryEntry entry;
        try
        {
            entry = JsonSerializer.Deserialize<HistoryEntry>(line, Options) ?? throw new JsonException("null is not a history entry.");
        }
        catch (JsonException e)
        {
            throw Broken(where, $"{Field(e)}{JsonErrorText.What(e)}", e);
        }
        if (Problem(entry) is { } problem)
        {
            throw Broken(where, problem, null);
        }
        return entry;
    }

    // The version first, so a newer line says "newer schema" instead of complaining about a member this version does not know.
    private static void CheckSchemaVersion(string line, string where)
    {
        try
        {
            using var doc = JsonDocument.Parse(line);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw Broken(where, $"expected a JSON object, found {doc.RootElement.ValueKind}.", null);
            }
            if (!doc.RootElement.TryGetProperty("schema_version", out var version) || !version.TryGetInt32(out var found))
            {
                throw Broken(where, "no whole-number \"schema_version\".", null);
            }
            if (found != HistoryEntry.CurrentSchemaVersion)
            {
                var advice = found > HistoryEntry.CurrentSchemaVersion
                    ? "it was written by a newer EnergyGate: update the tool (dotnet tool update dotnet-energygate)"
                    : "this EnergyGate reads no older version";
                throw new EnergyGateException($"{where}: history schema version {found} is not supported; expected {HistoryEntry.CurrentSchemaVersion}; {advice}.");
            }
        }
        catch (JsonException e)
        {
            throw Broken(where, $"not valid JSON: {JsonErrorText.What(e)} Was the file truncated or merged with conflict markers?", e);
        }
    }

    private static string? Problem(HistoryEntry entry)
    {
        if (string.IsNullOrWhiteSpace(entry.Commit))
        {
            return "field `commit` is empty.";
        }
        if (string.IsNullOrWhiteSpace(entry.MachineClass))
        {
            return "field `machine_class` is empty.";
        }
        foreach (var (cell, figures) in entry.Cells)
        {
            try
            {
                CellKey.Parse(cell);
            }
            catch (FormatException e)
            {
                return $"field `cells`: {e.Message}.";
            }
            foreach (var (metric, figure) in figures.Metrics)
            {
                if (figure.N < 1 || figure.Lower > figure.Upper || (figure.Lower is null) != (figure.Upper is null) || figure.Confidence is <= 0 or >= 1)
                {
                    return $"field `cells.{cell}.metrics.{metric}`: expected n >= 1 and, where present, lower <= upper (both or neither) and 0 < confidence < 1.";
                }
            }
        }
        return null;
    }

    private static EnergyGateException Broken(string where, string what, Exception? inner)
    {
        var message = $"{where}: not a history entry: {what} Fix or delete that line (each line is one run; the others stay valid), then run the command again.";
        return inner is null ? new EnergyGateException(message) : new EnergyGateException(message, inner);
    }

    private static string Field(JsonException e) =>
        string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "" : $"field `{e.Path.TrimStart('$', '.')}`: ";
}

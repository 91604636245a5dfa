using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace EnergyGate.Core.Baselines;

/// <summary>Reads and writes <see cref="BaselineDocument"/> JSON with messages a user can act on.</summary>
public static class BaselineJson
{
    /// <summary>snake_case names, enum names in snake_case, indented; null and required members enforced on read.</summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false) },
    };

    /// <summary>The document as indented JSON with a final newline (files under review diff cleanly).</summary>
    public static string Serialize(BaselineDocument document) => JsonSerializer.Serialize(document, Options) + "\n";

    /// <summary>Parses a document; <paramref name="source"/> names the file in error messages.</summary>
    /// <exception cref="BaselineFormatException">Not JSON, the wrong schema version, the wrong shape, or a value that is not a measurement (EG2045).</exception>
    public static BaselineDocument Parse(string json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        var bytes = Encoding.UTF8.GetBytes(json);
        CheckSchemaVersion(bytes, source);
        BaselineDocument document;
        try
        {
            document = JsonSerializer.Deserialize<BaselineDocument>(bytes, Options)
                ?? throw new BaselineFormatException($"{source}: the file holds JSON null, not a baseline document.");
        }
        catch (JsonException e)
        {
            throw new BaselineFormatException(
                $"{source}: {JsonErrorText.Where(e)}not a valid baseline document: {JsonErrorText.What(e)} " +
                "Fix the file or re-create it with `dotnet energygate baseline update`.", e);
        }
        document = BaselineMigration.ToCurrent(document, source);
        BaselineValues.Check(document, source);
        return document;
    }

    // The version is checked before the shape, so a newer file says "newer schema" instead of
    // complaining about a member this version does not know.
    private static void CheckSchemaVersion(byte[] bytes, string source)
    {
        try
        {
            using var doc = JsonDocument.Parse(bytes);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new BaselineFormatException($"{source}: expected a JSON object at the top level, found {doc.RootElement.ValueKind}.");
            }
            if (!doc.RootElement.TryGetProperty("schema_version", out var version) || version.ValueKind != JsonValueKind.Number)
            {
                throw new BaselineFormatException($"{source}: no numeric \"schema_version\"; this is not an EnergyGate baseline (expected schema version {BaselineDocument.CurrentSchemaVersion}).");
            }
            var found = version.GetDouble();
            if (!BaselineMigration.ReadableVersions.Any(v => v == found))
            {
                var advice = found > BaselineDocument.CurrentSchemaVersion
                    ? "it was written by a newer EnergyGate: update the tool (dotnet tool update dotnet-energygate)"
                    : "it was written by an older EnergyGate: re-create it with `dotnet energygate baseline update`";
                throw new BaselineFormatException($"{source}: schema version {found} is not supported; expected {string.Join(" or ", BaselineMigration.ReadableVersions)}; {advice}.");
            }
        }
        catch (JsonException e)
        {
            throw new BaselineFormatException($"{source}: {JsonErrorText.Where(e)}the file is not valid JSON: {JsonErrorText.What(e)} Was it truncated or merged with conflict markers?", e);
        }
    }
}

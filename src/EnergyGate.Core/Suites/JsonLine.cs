using System.Text.Json;

namespace EnergyGate.Core.Suites;

/// <summary>One line of a JSONL dataset parsed as an object, with the errors every loader reports the same way.</summary>
internal static class JsonLine
{
    /// <summary>Parses <paramref name="line"/>; <paramref name="where"/> (file:line) starts every error. The caller disposes the document.</summary>
    public static JsonDocument ParseObject(string line, string where)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException ex)
        {
            throw new EnergyGateException($"{where}: not valid JSON: {ex.Message}", ex);
        }
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            var kind = document.RootElement.ValueKind;
            document.Dispose();
            throw new EnergyGateException($"{where}: expected a JSON object, found {kind}");
        }
        return document;
    }
}

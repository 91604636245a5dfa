using System.Text.Json;

namespace EnergyGate.Core.Generation.Tokenizers;

/// <summary>
/// Typed reads of tokenizer JSON whose failures name the file and the field, because a user facing a
/// broken model folder needs to know which entry to fix, not that a cast failed.
/// </summary>
internal sealed class JsonFields(string file)
{
    public string File { get; } = file;

    public EnergyGateException Error(string field, string problem) => new($"{File}: {field} {problem}");

    public EnergyGateException Unsupported(string field, string value, string supported) =>
        Error(field, $"\"{value}\" is not supported; supported: {supported}");

    public JsonElement Required(JsonElement obj, string name, string path)
    {
        if (obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null)
        {
            return value;
        }
        throw Error(Join(path, name), "is missing");
    }

    public static JsonElement? Optional(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : null;

    public string RequiredString(JsonElement obj, string name, string path) =>
        AsString(Required(obj, name, path), Join(path, name));

    public string? OptionalString(JsonElement obj, string name, string path) =>
        Optional(obj, name) is { } value ? AsString(value, Join(path, name)) : null;

    public bool OptionalBool(JsonElement obj, string name, string path, bool fallback) =>
        Optional(obj, name) is { } value
            ? value.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => throw Error(Join(path, name), $"must be true or false, not {value.ValueKind}"),
            }
            : fallback;

    public int AsInt(JsonElement value, string path) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) && number >= 0
            ? number
            : throw Error(path, $"must be a non-negative integer, not {value.GetRawText()}");

    public string AsString(JsonElement value, string path) =>
        value.ValueKind == JsonValueKind.String ? value.GetString()! : throw Error(path, $"must be a string, not {value.ValueKind}");

    public JsonElement.ArrayEnumerator AsArray(JsonElement value, string path) =>
        value.ValueKind == JsonValueKind.Array ? value.EnumerateArray() : throw Error(path, $"must be an array, not {value.ValueKind}");

    public static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";
}

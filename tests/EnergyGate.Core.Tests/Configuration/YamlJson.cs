using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using EnergyGate.Core.Configuration.Yaml;

namespace EnergyGate.Core.Tests.Configuration;

/// <summary>
/// YAML to JSON with YAML 1.2 core-schema typing (unquoted 3 is a number, quoted '3' a string), the
/// way editors' YAML language servers apply a JSON Schema to a YAML file.
/// </summary>
internal static class YamlJson
{
    public static JsonElement Convert(string yaml)
    {
        var root = YamlTreeBuilder.Build(yaml, "test.yml", out var error);
        Assert.Null(error);
        return JsonSerializer.SerializeToElement(ToJson(root));
    }

    private static JsonNode? ToJson(YamlNode? node) => node switch
    {
        null => null,
        YamlScalar { IsNull: true } => null,
        YamlScalar { IsPlain: true, Value: "true" or "false" } s => JsonValue.Create(s.Value == "true"),
        YamlScalar { IsPlain: true } s when long.TryParse(s.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) => JsonValue.Create(l),
        YamlScalar { IsPlain: true } s when double.TryParse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) => JsonValue.Create(d),
        YamlScalar s => JsonValue.Create(s.Value),
        YamlSequence seq => new JsonArray([.. seq.Items.Select(ToJson)]),
        YamlMapping map => Object(map),
        _ => throw new ArgumentOutOfRangeException(nameof(node)),
    };

    private static JsonObject Object(YamlMapping map)
    {
        var obj = new JsonObject();
        foreach (var (key, value) in map.Entries)
        {
            obj[((YamlScalar)key).Value] = ToJson(value);
        }
        return obj;
    }
}

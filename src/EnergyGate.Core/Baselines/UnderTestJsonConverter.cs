using System.Text.Json;
using System.Text.Json.Serialization;

namespace EnergyGate.Core.Baselines;

/// <summary>Writes <see cref="UnderTest"/> as a flat JSON object of its settings (no wrapper member).</summary>
internal sealed class UnderTestJsonConverter : JsonConverter<UnderTest>
{
    public override UnderTest Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        new(JsonSerializer.Deserialize<Dictionary<string, string>>(ref reader, options)
            ?? throw new JsonException("\"under_test\" must be an object of strings, not null."));

    public override void Write(Utf8JsonWriter writer, UnderTest value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value.Settings.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(), options);
}

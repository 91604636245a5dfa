using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace EnergyGate.Core.History;

/// <summary>
/// Writes dates as UTC ISO 8601 with a <c>Z</c> (<c>2025-06-01T10:00:00Z</c>), which sorts as text
/// and reads the same in every tool; reads any ISO 8601 date with an offset.
/// </summary>
internal sealed class UtcDateConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        return text is not null && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            ? date.ToUniversalTime()
            : throw new JsonException("expected a date as an ISO 8601 string, e.g. \"2025-06-01T10:00:00Z\".");
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
}

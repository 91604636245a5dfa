namespace EnergyGate.Core.Configuration;

/// <summary>Reads <c>ENERGYGATE_*</c> values from a snapshot of the environment, recording malformed ones.</summary>
internal sealed class EnvironmentSource(IReadOnlyDictionary<string, string?> environment, List<ConfigError> errors)
{
    public const string SourceName = "environment";

    /// <summary>Empty counts as unset, so <c>ENERGYGATE_WORKERS=</c> in a CI matrix means "use the default".</summary>
    public string? Text(string name) =>
        environment.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    public int? PositiveInt(string name) =>
        Text(name) is not { } text ? null
        : ValueFormats.TryParsePositiveInt(text, out var value) ? value
        : Fail<int>(name, ValueFormats.PositiveInteger, text);

    public int? PositiveIntAtMost(string name, int max) =>
        Text(name) is not { } text ? null
        : ValueFormats.TryParsePositiveInt(text, out var value) && value <= max ? value
        : Fail<int>(name, ValueFormats.PositiveIntegerAtMost(max), text);

    public double? Seconds(string name) =>
        Text(name) is not { } text ? null
        : ValueFormats.TryParseSeconds(text, out var value) ? value
        : Fail<double>(name, ValueFormats.Seconds, text);

    public string? OneOf(string name, IReadOnlyList<string> allowed)
    {
        var text = Text(name);
        if (text is null || allowed.Contains(text, StringComparer.Ordinal))
        {
            return text;
        }
        errors.Add(new ConfigError(SourceName, 0, 0, name, $"expected one of {string.Join(", ", allowed)}, found {ValueFormats.Quote(text)}"));
        return null;
    }

    private T? Fail<T>(string name, string expected, string found)
        where T : struct
    {
        errors.Add(new ConfigError(SourceName, 0, 0, name, $"expected {expected}, found {ValueFormats.Quote(found)}"));
        return null;
    }
}

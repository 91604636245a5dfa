using EnergyGate.Core.Configuration.Yaml;

namespace EnergyGate.Core.Configuration;

/// <summary>
/// Shape checks shared by every section. Each check records an error and returns null instead of
/// throwing, so one pass over the file reports every problem.
/// </summary>
internal sealed class NodeReader(string fileName)
{
    private readonly List<ConfigError> errors = [];

    public IReadOnlyList<ConfigError> Errors => errors;

    public void Error(YamlNode at, string path, string message) =>
        errors.Add(new ConfigError(fileName, at.Line, at.Column, path, message));

    public void Expected(YamlNode found, string path, string expected) =>
        Error(found, path, $"expected {expected}, found {found.Describe()}");

    /// <summary>
    /// Checks that <paramref name="node"/> is a mapping whose keys are all in <paramref name="known"/>,
    /// and returns its entries by key. Unknown, duplicate and not-yet-supported keys are errors.
    /// </summary>
    public Dictionary<string, YamlNode>? Mapping(YamlNode node, string path, IReadOnlyList<string> known,
        IReadOnlyList<string>? notYetSupported = null)
    {
        if (node is not YamlMapping mapping)
        {
            Expected(node, path, "a mapping");
            return null;
        }
        var entries = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        var firstSeen = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in mapping.Entries)
        {
            if (keyNode is not YamlScalar { IsNull: false } keyScalar)
            {
                Expected(keyNode, path, "a key name");
                continue;
            }
            var key = keyScalar.Value;
            var keyPath = Join(path, key);
            if (firstSeen.TryGetValue(key, out var first))
            {
                Error(keyNode, keyPath, $"duplicate key `{key}` (first defined at {first.Line}:{first.Column})");
                continue;
            }
            firstSeen[key] = keyNode;
            if (known.Contains(key, StringComparer.Ordinal))
            {
                entries[key] = value;
            }
            else if (notYetSupported?.Contains(key, StringComparer.Ordinal) == true)
            {
                Error(keyNode, keyPath, $"`{key}` is not supported by this version of EnergyGate yet");
            }
            else
            {
                var suggestion = DidYouMean.Suggest(key, known);
                Error(keyNode, keyPath, suggestion is not null
                    ? $"unknown key `{key}`; did you mean `{suggestion}`?"
                    : $"unknown key `{key}`; expected one of: {string.Join(", ", known)}");
            }
        }
        return entries;
    }

    public int? PositiveInt(YamlNode node, string path)
    {
        if (node is YamlScalar { IsPlain: true, IsNull: false } s && ValueFormats.TryParsePositiveInt(s.Value, out var value))
        {
            return value;
        }
        Expected(node, path, ValueFormats.PositiveInteger);
        return null;
    }

    /// <summary>A plain integer within [min, max]; the message names the range.</summary>
    public int? IntBetween(YamlNode node, string path, int min, int max)
    {
        if (node is YamlScalar { IsPlain: true, IsNull: false } s && ValueFormats.TryParseNonNegativeInt(s.Value, out var value)
            && value >= min && value <= max)
        {
            return value;
        }
        Expected(node, path, min == 0 ? ValueFormats.IntegerFromZeroTo(max) : ValueFormats.PositiveIntegerAtMost(max));
        return null;
    }

    public double? Seconds(YamlNode node, string path)
    {
        if (node is YamlScalar { IsPlain: true, IsNull: false } s && ValueFormats.TryParseSeconds(s.Value, out var value))
        {
            return value;
        }
        Expected(node, path, ValueFormats.Seconds);
        return null;
    }

    public int? NonNegativeInt(YamlNode node, string path)
    {
        if (node is YamlScalar { IsPlain: true, IsNull: false } s && ValueFormats.TryParseNonNegativeInt(s.Value, out var value))
        {
            return value;
        }
        Expected(node, path, ValueFormats.NonNegativeInteger);
        return null;
    }

    /// <summary>A plain number within [min, max].</summary>
    public double? Number(YamlNode node, string path, double min, double max)
    {
        if (node is YamlScalar { IsPlain: true, IsNull: false } s && ValueFormats.TryParseNumber(s.Value, out var value)
            && value >= min && value <= max)
        {
            return value;
        }
        Expected(node, path, ValueFormats.NumberBetween(min, max));
        return null;
    }

    public bool? Bool(YamlNode node, string path)
    {
        if (node is YamlScalar { IsPlain: true, Value: "true" or "false" } s)
        {
            return s.Value == "true";
        }
        Expected(node, path, "true or false");
        return null;
    }

    /// <summary>One of a fixed set of words, with a did-you-mean for near misses.</summary>
    public string? OneOf(YamlNode node, string path, IReadOnlyList<string> allowed)
    {
        var text = Text(node, path, $"one of: {string.Join(", ", allowed)}");
        if (text is null || allowed.Contains(text, StringComparer.Ordinal))
        {
            return text;
        }
        var hint = DidYouMean.Suggest(text, allowed) is { } suggestion ? $"did you mean `{suggestion}`? " : "";
        Error(node, path, $"unknown value {ValueFormats.Quote(text)}; {hint}expected one of: {string.Join(", ", allowed)}");
        return null;
    }

    /// <summary>Any non-empty text; quoting is allowed because paths often need it.</summary>
    public string? Text(YamlNode node, string path, string expected)
    {
        if (node is YamlScalar { IsNull: false } s && s.Value.Length > 0)
        {
            return s.Value;
        }
        Expected(node, path, expected);
        return null;
    }

    /// <summary>Reads <paramref name="key"/> when present; absent keys are null, never an error.</summary>
    public static T? Optional<T>(Dictionary<string, YamlNode> map, string key, Func<YamlNode, string, T?> read, string parent = "")
        where T : class =>
        map.TryGetValue(key, out var node) ? read(node, Join(parent, key)) : null;

    /// <summary>Reads <paramref name="key"/> when present; absent keys are null, never an error.</summary>
    public static T? Optional<T>(Dictionary<string, YamlNode> map, string key, Func<YamlNode, string, T?> read, string parent = "")
        where T : struct =>
        map.TryGetValue(key, out var node) ? read(node, Join(parent, key)) : null;

    /// <summary>Reads <paramref name="key"/>, recording <paramref name="missing"/> at the owner when it is absent.</summary>
    public T? Required<T>(YamlNode owner, Dictionary<string, YamlNode> map, string key, string path, Func<YamlNode, string, T?> read,
        string missing = "required")
        where T : class
    {
        if (map.TryGetValue(key, out var node))
        {
            return read(node, Join(path, key));
        }
        Error(owner, Join(path, key), missing);
        return null;
    }

    /// <summary>Reads <paramref name="key"/>, recording "required" at the owner when it is absent.</summary>
    public T? Required<T>(YamlNode owner, Dictionary<string, YamlNode> map, string key, string path, Func<YamlNode, string, T?> read)
        where T : struct
    {
        if (map.TryGetValue(key, out var node))
        {
            return read(node, Join(path, key));
        }
        Error(owner, Join(path, key), "required");
        return null;
    }

    public static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    public static string Index(string path, int index) => $"{path}[{index}]";
}

using YamlDotNet.Core;

namespace EnergyGate.Core.Configuration.Yaml;

/// <summary>
/// A minimal YAML tree that, unlike YamlDotNet's representation model, keeps duplicate keys (so
/// they are reported with every other error instead of aborting the load) and positions on every node.
/// </summary>
internal abstract record YamlNode(int Line, int Column)
{
    /// <summary>Words for the "found ..." half of a message.</summary>
    public abstract string Describe();
}

internal sealed record YamlScalar(int Line, int Column, string Value, ScalarStyle Style, bool IsStringTagged) : YamlNode(Line, Column)
{
    /// <summary>An unquoted scalar that YAML's core schema reads as a number or null rather than text.</summary>
    public bool IsPlain => Style is ScalarStyle.Plain or ScalarStyle.Any && !IsStringTagged;

    public bool IsNull => IsPlain && Value is "" or "~" or "null" or "Null" or "NULL";

    public override string Describe() =>
        IsNull && Value.Length == 0 ? "an empty value"
        // A bare ~ is YAML's null, which surprises anyone who meant the home folder.
        : IsNull && Value == "~" ? "~, which YAML reads as null (write '~' for the home folder)"
        : IsNull ? $"{Value}, which YAML reads as null"
        : IsPlain ? ValueFormats.Quote(Value)
        : $"the quoted string {ValueFormats.Quote(Value)}";
}

internal sealed record YamlSequence(int Line, int Column, IReadOnlyList<YamlNode> Items) : YamlNode(Line, Column)
{
    public override string Describe() => "a list";
}

internal sealed record YamlMapping(int Line, int Column, IReadOnlyList<KeyValuePair<YamlNode, YamlNode>> Entries) : YamlNode(Line, Column)
{
    public override string Describe() => "a mapping";
}

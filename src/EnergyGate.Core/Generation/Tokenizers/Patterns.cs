using System.Text.Json;
using System.Text.RegularExpressions;

namespace EnergyGate.Core.Generation.Tokenizers;

/// <summary>The <c>{"String": ...}</c> / <c>{"Regex": ...}</c> pattern objects of Replace and Split.</summary>
internal static class Patterns
{
    public static Regex Parse(JsonFields json, JsonElement pattern, string path)
    {
        if (json.OptionalString(pattern, "String", path) is { } literal)
        {
            return new Regex(Regex.Escape(literal), RegexOptions.CultureInvariant);
        }
        var source = json.OptionalString(pattern, "Regex", path)
            ?? throw json.Error(path, "must be {\"String\": ...} or {\"Regex\": ...}");
        try
        {
            // HF compiles these with Oniguruma; the patterns real tokenizers use (GPT-2, Qwen2, Llama 3)
            // need only lookahead, \p{L}/\p{N} and (?i:...), which .NET regex reads the same way.
            return new Regex(source, RegexOptions.CultureInvariant | RegexOptions.Compiled);
        }
        catch (ArgumentException ex)
        {
            throw new EnergyGateException($"{json.File}: {path}.Regex is not a pattern .NET can compile: {ex.Message}", ex);
        }
    }
}

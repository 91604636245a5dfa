using System.Text.Json;
using System.Text.RegularExpressions;

namespace EnergyGate.Core.Generation.Tokenizers;

/// <summary>
/// SentencePiece-style whitespace: spaces become <see cref="Replacement"/> (▁), one is prepended per
/// <c>prepend_scheme</c>, and the decoder undoes both. Shared by the Metaspace pre-tokenizer and decoder.
/// </summary>
internal sealed class Metaspace(string replacement, string prependScheme, bool split)
{
    private readonly Regex _replacementPattern = new(Regex.Escape(replacement), RegexOptions.CultureInvariant);

    public string Replacement { get; } = replacement;

    public string PrependScheme { get; } = prependScheme;

    public static Metaspace Parse(JsonFields json, JsonElement node, string path)
    {
        var replacement = json.OptionalString(node, "replacement", path) ?? "▁";
        // Files written before prepend_scheme existed carry add_prefix_space instead.
        var scheme = json.OptionalString(node, "prepend_scheme", path)
            ?? (json.OptionalBool(node, "add_prefix_space", path, fallback: true) ? "always" : "never");
        if (scheme is not ("always" or "first" or "never"))
        {
            throw json.Unsupported($"{path}.prepend_scheme", scheme, "always, first, never");
        }
        return new Metaspace(replacement, scheme, json.OptionalBool(node, "split", path, fallback: true));
    }

    public IEnumerable<Piece> PreTokenize(Piece piece)
    {
        var text = piece.Text.Replace(" ", Replacement, StringComparison.Ordinal);
        var prepend = PrependScheme == "always" || (PrependScheme == "first" && piece.AtStart);
        if (prepend && !text.StartsWith(Replacement, StringComparison.Ordinal))
        {
            text = Replacement + text;
        }
        if (!split)
        {
            return [piece with { Text = text }];
        }
        var words = Splitter.Split(text, _replacementPattern, SplitBehavior.MergedWithNext, invert: false);
        return words.Select((word, i) => new Piece(word, piece.AtStart && i == 0));
    }
}

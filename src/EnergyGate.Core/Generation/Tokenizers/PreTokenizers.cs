using System.Text.Json;
using System.Text.RegularExpressions;

namespace EnergyGate.Core.Generation.Tokenizers;

/// <summary>
/// The tokenizer.json <c>pre_tokenizer</c> section as a piece splitter. Microsoft.ML.Tokenizers offers a
/// regex pre-tokenizer but neither HF's Split behaviors, Metaspace's prepend schemes nor the byte mapping
/// applied per piece, so the pipeline splits here and hands the model one word at a time.
/// </summary>
internal static partial class PreTokenizers
{
    private const string Supported = "ByteLevel, Split, Metaspace, Digits, Sequence";

    // GPT-2's pattern, used by ByteLevel when use_regex is true (HF's own constant).
    [GeneratedRegex(@"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Gpt2Pattern();

    [GeneratedRegex(@"\p{N}+", RegexOptions.CultureInvariant)]
    private static partial Regex DigitRuns();

    [GeneratedRegex(@"\p{N}", RegexOptions.CultureInvariant)]
    private static partial Regex SingleDigits();

    public static Func<Piece, IEnumerable<Piece>>? Parse(JsonFields json, JsonElement? section, string path = "pre_tokenizer")
    {
        if (section is not { } node)
        {
            return null;
        }
        var type = json.RequiredString(node, "type", path);
        switch (type)
        {
            case "Sequence":
                var steps = new List<Func<Piece, IEnumerable<Piece>>>();
                var i = 0;
                foreach (var item in json.AsArray(json.Required(node, "pretokenizers", path), $"{path}.pretokenizers"))
                {
                    steps.Add(Parse(json, item, $"{path}.pretokenizers[{i++}]")!);
                }
                return piece => steps.Aggregate<Func<Piece, IEnumerable<Piece>>, IEnumerable<Piece>>([piece], (pieces, step) => pieces.SelectMany(step).ToList());
            case "ByteLevel":
                var addPrefixSpace = json.OptionalBool(node, "add_prefix_space", path, fallback: true);
                var useRegex = json.OptionalBool(node, "use_regex", path, fallback: true);
                return piece => ByteLevel(piece, addPrefixSpace, useRegex);
            case "Split":
                var pattern = Patterns.Parse(json, json.Required(node, "pattern", path), $"{path}.pattern");
                var behavior = ParseBehavior(json, json.RequiredString(node, "behavior", path), $"{path}.behavior");
                var invert = json.OptionalBool(node, "invert", path, fallback: false);
                return piece => SplitPiece(piece, pattern, behavior, invert);
            case "Digits":
                var digits = json.OptionalBool(node, "individual_digits", path, fallback: false) ? SingleDigits() : DigitRuns();
                return piece => SplitPiece(piece, digits, SplitBehavior.Isolated, invert: false);
            case "Metaspace":
                return Metaspace.Parse(json, node, path).PreTokenize;
            default:
                throw json.Unsupported($"{path}.type", type, Supported);
        }
    }

    private static IEnumerable<Piece> ByteLevel(Piece piece, bool addPrefixSpace, bool useRegex)
    {
        var text = addPrefixSpace && !piece.Text.StartsWith(' ') ? " " + piece.Text : piece.Text;
        var words = useRegex ? Splitter.Split(text, Gpt2Pattern(), SplitBehavior.Isolated, invert: false) : [text];
        return words.Select((word, i) => new Piece(ByteLevelAlphabet.Encode(word), piece.AtStart && i == 0));
    }

    private static IEnumerable<Piece> SplitPiece(Piece piece, Regex pattern, SplitBehavior behavior, bool invert) =>
        Splitter.Split(piece.Text, pattern, behavior, invert).Select((text, i) => new Piece(text, piece.AtStart && i == 0));

    private static SplitBehavior ParseBehavior(JsonFields json, string value, string path) =>
        Enum.TryParse<SplitBehavior>(value, ignoreCase: false, out var behavior) && Enum.IsDefined(behavior)
            ? behavior
            : throw json.Unsupported(path, value, string.Join(", ", Enum.GetNames<SplitBehavior>()));
}

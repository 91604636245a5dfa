using System.Globalization;
using System.Text;
using System.Text.Json;

namespace EnergyGate.Core.Generation.Tokenizers;

/// <summary>
/// The tokenizer.json <c>decoder</c> section as a token-list transform (HF's <c>decode_chain</c>). Invalid
/// or cut UTF-8 becomes U+FFFD here, which incremental detokenizers rely on to hold a tail back.
/// </summary>
internal static class TokenDecoders
{
    private const string Supported = "ByteLevel, ByteFallback, Fuse, Replace, Strip, Metaspace, Sequence";

    public static Func<List<string>, List<string>>? Parse(JsonFields json, JsonElement? section, string path = "decoder")
    {
        if (section is not { } node)
        {
            return null;
        }
        var type = json.RequiredString(node, "type", path);
        switch (type)
        {
            case "Sequence":
                var steps = new List<Func<List<string>, List<string>>>();
                var i = 0;
                foreach (var item in json.AsArray(json.Required(node, "decoders", path), $"{path}.decoders"))
                {
                    steps.Add(Parse(json, item, $"{path}.decoders[{i++}]")!);
                }
                return tokens => steps.Aggregate(tokens, (current, step) => step(current));
            case "ByteLevel":
                return ByteLevel;
            case "ByteFallback":
                return ByteFallback;
            case "Fuse":
                return tokens => [string.Concat(tokens)];
            case "Replace":
                var pattern = Patterns.Parse(json, json.Required(node, "pattern", path), $"{path}.pattern");
                var content = json.RequiredString(node, "content", path);
                return tokens => tokens.ConvertAll(t => pattern.Replace(t, content));
            case "Strip":
                var strip = json.RequiredString(node, "content", path);
                if (strip.Length != 1)
                {
                    throw json.Error($"{path}.content", "must be a single character");
                }
                var start = json.AsInt(json.Required(node, "start", path), $"{path}.start");
                var stop = json.AsInt(json.Required(node, "stop", path), $"{path}.stop");
                return tokens => tokens.ConvertAll(t => Strip(t, strip, start, stop));
            case "Metaspace":
                var metaspace = Metaspace.Parse(json, node, path);
                return tokens => tokens.Select((t, index) => MetaspaceToken(metaspace, t, index)).ToList();
            default:
                throw json.Unsupported($"{path}.type", type, Supported);
        }
    }

    /// <summary>
    /// True when the decoder section is ByteLevel alone: decoding is then the UTF-8 text of the tokens'
    /// bytes concatenated, which lets generation release each token's text without decoding windows.
    /// </summary>
    public static bool IsByteLevel(JsonElement? section) =>
        section is { ValueKind: JsonValueKind.Object } node
        && node.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String
        && type.GetString() == "ByteLevel";

    private static List<string> ByteLevel(List<string> tokens)
    {
        var bytes = new List<byte>();
        foreach (var token in tokens)
        {
            ByteLevelAlphabet.AppendBytes(token, bytes);
        }
        return [Encoding.UTF8.GetString([.. bytes])];
    }

    // A run of <0xNN> tokens becomes its UTF-8 text, or one U+FFFD per byte when it is not valid UTF-8
    // (a character cut short), exactly as HF does.
    private static List<string> ByteFallback(List<string> tokens)
    {
        var output = new List<string>(tokens.Count);
        var pending = new List<byte>();
        foreach (var token in tokens)
        {
            if (token.Length == 6 && token.StartsWith("<0x", StringComparison.Ordinal) && token[5] == '>'
                && byte.TryParse(token.AsSpan(3, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var b))
            {
                pending.Add(b);
                continue;
            }
            Flush(pending, output);
            output.Add(token);
        }
        Flush(pending, output);
        return output;
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static void Flush(List<byte> pending, List<string> output)
    {
        if (pending.Count == 0)
        {
            return;
        }
        try
        {
            output.Add(StrictUtf8.GetString([.. pending]));
        }
        catch (DecoderFallbackException)
        {
            output.AddRange(Enumerable.Repeat("\uFFFD", pending.Count));
        }
        pending.Clear();
    }

    private static string Strip(string token, string content, int start, int stop)
    {
        var c = content[0];
        var from = 0;
        while (from < start && from < token.Length && token[from] == c)
        {
            from++;
        }
        var to = token.Length;
        while (token.Length - to < stop && to > from && token[to - 1] == c)
        {
            to--;
        }
        return token[from..to];
    }

    // HF drops every replacement character of the first token (not only a leading one) unless the
    // prepend scheme is "never"; the parity fixtures pin that down.
    private static string MetaspaceToken(Metaspace metaspace, string token, int index) =>
        token.Replace(metaspace.Replacement, index == 0 && metaspace.PrependScheme != "never" ? "" : " ", StringComparison.Ordinal);
}

using System.Text.Json;

namespace EnergyGate.Core.Generation.Tokenizers;

/// <summary>Reads a Hugging Face <c>tokenizer.json</c> into a <see cref="TokenizerDefinition"/>.</summary>
internal static class TokenizerJsonReader
{
    public static TokenizerDefinition Read(string path)
    {
        var json = new JsonFields(path);
        using var document = JsonFiles.Parse(path);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw json.Error("(root)", $"must be a JSON object, not {root.ValueKind}");
        }
        var model = ReadModel(json, json.Required(root, "model", ""));
        return new TokenizerDefinition(
            model,
            ReadAddedTokens(json, JsonFields.Optional(root, "added_tokens")),
            Normalizers.Parse(json, JsonFields.Optional(root, "normalizer")),
            PreTokenizers.Parse(json, JsonFields.Optional(root, "pre_tokenizer")),
            TokenDecoders.Parse(json, JsonFields.Optional(root, "decoder")),
            TokenDecoders.IsByteLevel(JsonFields.Optional(root, "decoder")));
    }

    private static BpeModelSpec ReadModel(JsonFields json, JsonElement model)
    {
        // Older files omit model.type for BPE; HF infers it from the merges field.
        var type = json.OptionalString(model, "type", "model") ?? (JsonFields.Optional(model, "merges") is null ? "(none)" : "BPE");
        if (type != "BPE")
        {
            throw json.Unsupported("model.type", type, "BPE");
        }
        foreach (var affix in new[] { "continuing_subword_prefix", "end_of_word_suffix" })
        {
            if (json.OptionalString(model, affix, "model") is { Length: > 0 } value)
            {
                throw json.Unsupported($"model.{affix}", value, "null or \"\" (code LLM tokenizers use neither)");
            }
        }
        if (JsonFields.Optional(model, "dropout") is { ValueKind: JsonValueKind.Number } dropout && dropout.GetDouble() > 0)
        {
            throw json.Unsupported("model.dropout", dropout.GetRawText(), "null or 0 (dropout is for training)");
        }
        var vocabNode = json.Required(model, "vocab", "model");
        if (vocabNode.ValueKind != JsonValueKind.Object)
        {
            throw json.Error("model.vocab", $"must be an object of token to id, not {vocabNode.ValueKind}");
        }
        var vocab = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var entry in vocabNode.EnumerateObject())
        {
            vocab[entry.Name] = json.AsInt(entry.Value, $"model.vocab[\"{entry.Name}\"]");
        }
        return new BpeModelSpec(
            vocab,
            ReadMerges(json, JsonFields.Optional(model, "merges")),
            json.OptionalString(model, "unk_token", "model"),
            json.OptionalBool(model, "fuse_unk", "model", fallback: false),
            json.OptionalBool(model, "byte_fallback", "model", fallback: false),
            json.OptionalBool(model, "ignore_merges", "model", fallback: false));
    }

    // Merges come as "left right" strings (older files) or ["left", "right"] pairs (tokenizers >= 0.20).
    private static List<(string, string)> ReadMerges(JsonFields json, JsonElement? node)
    {
        var merges = new List<(string, string)>();
        if (node is not { } list)
        {
            return merges;
        }
        var i = 0;
        foreach (var item in json.AsArray(list, "model.merges"))
        {
            var path = $"model.merges[{i++}]";
            (string Left, string Right) merge = item.ValueKind switch
            {
                JsonValueKind.String when item.GetString()!.Split(' ') is [var left, var right] => (left, right),
                JsonValueKind.Array when item.GetArrayLength() == 2 => (json.AsString(item[0], path), json.AsString(item[1], path)),
                _ => throw json.Error(path, $"must be \"left right\" or [\"left\", \"right\"], not {item.GetRawText()}"),
            };
            if (merge.Left.Contains(' ', StringComparison.Ordinal) || merge.Right.Contains(' ', StringComparison.Ordinal))
            {
                throw json.Error(path, "has a token containing a space, which the Microsoft.ML.Tokenizers merge format cannot express");
            }
            merges.Add(merge);
        }
        return merges;
    }

    private static List<AddedToken> ReadAddedTokens(JsonFields json, JsonElement? node)
    {
        var tokens = new List<AddedToken>();
        if (node is not { } list)
        {
            return tokens;
        }
        var i = 0;
        foreach (var item in json.AsArray(list, "added_tokens"))
        {
            var path = $"added_tokens[{i++}]";
            var special = json.OptionalBool(item, "special", path, fallback: false);
            tokens.Add(new AddedToken(
                json.AsInt(json.Required(item, "id", path), $"{path}.id"),
                json.RequiredString(item, "content", path),
                special,
                json.OptionalBool(item, "normalized", path, fallback: !special),
                json.OptionalBool(item, "lstrip", path, fallback: false),
                json.OptionalBool(item, "rstrip", path, fallback: false),
                json.OptionalBool(item, "single_word", path, fallback: false)));
        }
        return tokens;
    }
}

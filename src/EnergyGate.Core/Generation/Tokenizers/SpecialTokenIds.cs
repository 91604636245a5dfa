using System.Text.Json;

namespace EnergyGate.Core.Generation.Tokenizers;

/// <summary>
/// End- and beginning-of-sequence ids from the optional config files of a model folder. All eos ids are
/// kept (generation_config.json, then config.json, then tokenizer_config.json) because chat and code
/// models often stop on several, e.g. Llama 3's &lt;|eot_id|&gt; besides &lt;|end_of_text|&gt;.
/// </summary>
internal static class SpecialTokenIds
{
    public static (IReadOnlyList<int> Eos, int? Bos) Read(string modelDir, Func<string, int?> tokenToId)
    {
        var eos = new List<int>();
        int? bos = null;
        foreach (var name in new[] { "generation_config.json", "config.json" })
        {
            var path = Path.Combine(modelDir, name);
            if (!File.Exists(path))
            {
                continue;
            }
            var json = new JsonFields(path);
            using var document = JsonFiles.Parse(path);
            if (JsonFields.Optional(document.RootElement, "eos_token_id") is { } ids)
            {
                eos.AddRange(ids.ValueKind == JsonValueKind.Array
                    ? json.AsArray(ids, "eos_token_id").Select((id, i) => json.AsInt(id, $"eos_token_id[{i}]")).ToList()
                    : [json.AsInt(ids, "eos_token_id")]);
            }
            if (JsonFields.Optional(document.RootElement, "bos_token_id") is { } bosId)
            {
                bos ??= json.AsInt(bosId, "bos_token_id");
            }
        }
        var tokenizerConfig = Path.Combine(modelDir, "tokenizer_config.json");
        if (File.Exists(tokenizerConfig))
        {
            var json = new JsonFields(tokenizerConfig);
            using var document = JsonFiles.Parse(tokenizerConfig);
            if (TokenId(json, document.RootElement, "eos_token", tokenToId) is { } id)
            {
                eos.Add(id);
            }
            bos ??= TokenId(json, document.RootElement, "bos_token", tokenToId);
        }
        return (eos.Distinct().ToList(), bos);
    }

    // The token is a string or, in files from older transformers, an AddedToken object with "content".
    private static int? TokenId(JsonFields json, JsonElement root, string field, Func<string, int?> tokenToId)
    {
        if (JsonFields.Optional(root, field) is not { } value)
        {
            return null;
        }
        var token = value.ValueKind == JsonValueKind.Object
            ? json.RequiredString(value, "content", field)
            : json.AsString(value, field);
        return tokenToId(token) ?? throw json.Error(field, $"\"{token}\" is not a token of tokenizer.json");
    }
}

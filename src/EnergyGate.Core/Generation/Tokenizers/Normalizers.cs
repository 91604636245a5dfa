using System.Text;
using System.Text.Json;

namespace EnergyGate.Core.Generation.Tokenizers;

/// <summary>
/// The tokenizer.json <c>normalizer</c> section as a string function. Microsoft.ML.Tokenizers has no
/// Prepend/Replace normalizers, and its own normalizer would also run over added tokens, which HF
/// normalizes separately per segment, so the pipeline applies these itself.
/// </summary>
internal static class Normalizers
{
    private const string Supported = "Sequence, Prepend, Replace, NFC, NFD, NFKC, NFKD, Lowercase";

    public static Func<string, string>? Parse(JsonFields json, JsonElement? section, string path = "normalizer")
    {
        if (section is not { } node)
        {
            return null;
        }
        var type = json.RequiredString(node, "type", path);
        switch (type)
        {
            case "Sequence":
                var steps = new List<Func<string, string>>();
                var i = 0;
                foreach (var item in json.AsArray(json.Required(node, "normalizers", path), $"{path}.normalizers"))
                {
                    steps.Add(Parse(json, item, $"{path}.normalizers[{i++}]")!);
                }
                return text => steps.Aggregate(text, (current, step) => step(current));
            case "Prepend":
                var prefix = json.RequiredString(node, "prepend", path);
                // HF leaves an empty string empty, so text that is only added tokens gets no stray prefix.
                return text => text.Length == 0 ? text : prefix + text;
            case "Replace":
                var replace = Patterns.Parse(json, json.Required(node, "pattern", path), $"{path}.pattern");
                var content = json.RequiredString(node, "content", path);
                return text => replace.Replace(text, content);
            case "NFC":
                return text => text.Normalize(NormalizationForm.FormC);
            case "NFD":
                return text => text.Normalize(NormalizationForm.FormD);
            case "NFKC":
                return text => text.Normalize(NormalizationForm.FormKC);
            case "NFKD":
                return text => text.Normalize(NormalizationForm.FormKD);
            case "Lowercase":
                return text => text.ToLowerInvariant();
            default:
                throw json.Unsupported($"{path}.type", type, Supported);
        }
    }
}

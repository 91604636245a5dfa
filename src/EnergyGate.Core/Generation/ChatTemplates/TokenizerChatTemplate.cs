using System.Text.Json;

namespace EnergyGate.Core.Generation.ChatTemplates;

/// <summary>
/// A model's chat template and special tokens as its tokenizer_config.json declares them:
/// <c>chat_template</c> is a string, or a list of <c>{name, template}</c> of which "default" is used (as
/// transformers does without a named template); <c>bos_token</c>/<c>eos_token</c> are strings or
/// AddedToken objects (<c>{"content": ...}</c>).
/// </summary>
public sealed record TokenizerChatTemplate(ChatTemplate Template, string? BosToken, string? EosToken)
{
    /// <summary>The file name read from the model folder.</summary>
    public const string FileName = "tokenizer_config.json";

    /// <summary>Loads and parses the template; a missing file, key or template is an error naming the folder and key.</summary>
    public static TokenizerChatTemplate Load(string modelFolder)
    {
        var path = Path.Combine(modelFolder, FileName);
        if (!File.Exists(path))
        {
            throw new EnergyGateException(
                $"{path}: not found; `prompt-format: chat` renders prompts with the model's chat template from its {FileName}. " +
                "Copy the model's tokenizer_config.json into the folder, or use `prompt-format: raw`.");
        }
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(File.ReadAllText(path));
        }
        catch (JsonException ex)
        {
            throw new EnergyGateException($"{path}: not valid JSON ({ex.Message}); fix the file or download it again.", ex);
        }
        using (doc)
        {
            var root = doc.RootElement;
            var source = TemplateText(root, path);
            var template = ChatTemplate.Parse(source, path + " (chat_template)");
            return new TokenizerChatTemplate(template, Token(root, "bos_token", path), Token(root, "eos_token", path));
        }
    }

    private static string TemplateText(JsonElement root, string path)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("chat_template", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            throw new EnergyGateException(
                $"{path}: has no `chat_template` key, so the model in {Path.GetDirectoryName(path)} has no chat template for `prompt-format: chat`. " +
                "Base (non-instruct) models usually have none: use `prompt-format: raw`, or add the instruct model's template.");
        }
        if (value.ValueKind == JsonValueKind.String)
        {
            return value.GetString()!;
        }
        if (value.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in value.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String
                    && name.GetString() == "default" && item.TryGetProperty("template", out var text) && text.ValueKind == JsonValueKind.String)
                {
                    return text.GetString()!;
                }
            }
            throw new EnergyGateException($"{path}: `chat_template` is a list without an entry named \"default\"; add one or use `prompt-format: raw`.");
        }
        throw new EnergyGateException($"{path}: `chat_template` must be a string or a list of {{name, template}}, not {value.ValueKind}.");
    }

    private static string? Token(JsonElement root, string key, string path)
    {
        if (!root.TryGetProperty(key, out var value))
        {
            return null;
        }
        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Null => null,
            JsonValueKind.Object when value.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.String => content.GetString(),
            _ => throw new EnergyGateException($"{path}: `{key}` must be a string or an object with \"content\"; found {value.ValueKind}."),
        };
    }
}

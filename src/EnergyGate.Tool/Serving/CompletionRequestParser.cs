using System.Text.Json;

namespace EnergyGate.Tool.Serving;

/// <summary>
/// Reads a <c>POST /v1/completions</c> body into a <see cref="CompletionRequest"/>, or the 400 that
/// says which field is wrong and why. Needs no model and no socket, so every refusal is unit-tested.
/// Fields OpenAI defines but this server does not use (<c>user</c>, <c>logit_bias</c>...) are ignored,
/// as OpenAI-compatible servers do; only those whose meaning it cannot honour are refused.
/// </summary>
internal static class CompletionRequestParser
{
    /// <summary>Parses <paramref name="body"/>; false with <paramref name="error"/> set when it is refused.</summary>
    public static bool TryParse(ReadOnlyMemory<byte> body, out CompletionRequest request, out ApiError error)
    {
        try
        {
            request = Parse(body);
            error = null!;
            return true;
        }
        catch (RefusedException refused)
        {
            (request, error) = (null!, refused.Error);
            return false;
        }
    }

    private static CompletionRequest Parse(ReadOnlyMemory<byte> body)
    {
        if (body.IsEmpty)
        {
            throw Refuse("the request body is empty: send a JSON object such as {\"model\": \"...\", \"prompt\": \"def add(a, b):\"}", code: "invalid_json");
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException ex)
        {
            throw Refuse($"the request body is not valid JSON at line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}: {Reason(ex.Message)}", code: "invalid_json");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Refuse($"the request body must be a JSON object, not {Kind(root)}");
            }
            var stream = Bool(root, "stream") ?? false;
            var n = Integer(root, "n");
            if (n is not null and not 1)
            {
                throw Refuse($"n is {n}: this server returns one choice per request; send n = 1 or leave it out", "n");
            }
            return new CompletionRequest(
                Model: String(root, "model") ?? throw Refuse("model is required: name the served model (GET /v1/models lists it)", "model"),
                Prompt: Prompt(root),
                MaxTokens: Integer(root, "max_tokens"),
                Temperature: Number(root, "temperature") ?? 1.0,
                TopP: Number(root, "top_p") ?? 1.0,
                Seed: Integer(root, "seed"),
                Stop: Stop(root),
                Stream: stream,
                IncludeUsage: stream && IncludeUsage(root));
        }
    }

    private static string Prompt(JsonElement root)
    {
        if (!root.TryGetProperty("prompt", out var prompt) || prompt.ValueKind == JsonValueKind.Null)
        {
            throw Refuse("prompt is required: the text to complete", "prompt");
        }
        if (prompt.ValueKind == JsonValueKind.String)
        {
            return prompt.GetString()!;
        }
        if (prompt.ValueKind == JsonValueKind.Array)
        {
            var count = prompt.GetArrayLength();
            if (count == 1 && prompt[0].ValueKind == JsonValueKind.String)
            {
                return prompt[0].GetString()!;
            }
            throw count == 0 || prompt[0].ValueKind == JsonValueKind.String
                ? Refuse($"prompt is an array of {count} strings: this server completes one prompt per request; send a string or an array of one string", "prompt")
                : Refuse($"prompt is an array of {Kind(prompt[0])}s: token-id prompts are not supported; send the text as a string", "prompt");
        }
        throw Refuse($"prompt must be a string or an array of one string, not {Kind(prompt)}", "prompt");
    }

    private static List<string> Stop(JsonElement root)
    {
        if (!root.TryGetProperty("stop", out var stop) || stop.ValueKind == JsonValueKind.Null)
        {
            return [];
        }
        var strings = stop.ValueKind switch
        {
            JsonValueKind.String => [stop.GetString()!],
            JsonValueKind.Array => stop.EnumerateArray().Select((s, i) => s.ValueKind == JsonValueKind.String
                ? s.GetString()!
                : throw Refuse($"stop[{i}] must be a string, not {Kind(s)}", "stop")).ToList(),
            _ => throw Refuse($"stop must be a string or an array of strings, not {Kind(stop)}", "stop"),
        };
        for (var i = 0; i < strings.Count; i++)
        {
            if (strings[i].Length == 0)
            {
                throw Refuse(stop.ValueKind == JsonValueKind.String
                    ? "stop is an empty string, which would stop at once: leave it out for no stop string"
                    : $"stop[{i}] is an empty string, which would stop at once: remove it", "stop");
            }
        }
        return strings;
    }

    private static bool IncludeUsage(JsonElement root)
    {
        if (!root.TryGetProperty("stream_options", out var options) || options.ValueKind == JsonValueKind.Null)
        {
            return false;
        }
        return options.ValueKind == JsonValueKind.Object
            ? Bool(options, "include_usage", "stream_options.include_usage") ?? false
            : throw Refuse($"stream_options must be an object, not {Kind(options)}", "stream_options");
    }

    private static string? String(JsonElement root, string name) =>
        Field(root, name) is not { } value ? null
        : value.ValueKind == JsonValueKind.String ? value.GetString()
        : throw Refuse($"{name} must be a string, not {Kind(value)}", name);

    private static bool? Bool(JsonElement root, string name, string? path = null) =>
        Field(root, name) is not { } value ? null
        : value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean()
        : throw Refuse($"{path ?? name} must be true or false, not {Kind(value)}", path ?? name);

    private static double? Number(JsonElement root, string name) =>
        Field(root, name) is not { } value ? null
        : value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && double.IsFinite(number) ? number
        : throw Refuse($"{name} must be a number, not {Kind(value)}", name);

    private static int? Integer(JsonElement root, string name)
    {
        if (Field(root, name) is not { } value)
        {
            return null;
        }
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var integer))
        {
            return integer;
        }
        throw Refuse(value.ValueKind == JsonValueKind.Number
            ? $"{name} must be a whole number from {int.MinValue} to {int.MaxValue} (got {value.GetRawText()})"
            : $"{name} must be an integer, not {Kind(value)}", name);
    }

    /// <summary>The field's value; null when absent or JSON null (OpenAI clients send null for "not set").</summary>
    private static JsonElement? Field(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    /// <summary>System.Text.Json's sentence without its own position suffix (the message gives line and byte already).</summary>
    private static string Reason(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal) is var at and >= 0 ? at
            : message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (cut >= 0 ? message[..cut] : message).TrimEnd(' ', '|');
    }

    private static RefusedException Refuse(string message, string? param = null, string? code = null) =>
        new(ApiError.BadRequest(message, param, code));

    /// <summary>Unwinds the parse to <see cref="TryParse"/> with the first refusal.</summary>
    private sealed class RefusedException(ApiError error) : Exception(error.Message)
    {
        public ApiError Error { get; } = error;
    }
}

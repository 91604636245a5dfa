using System.Runtime.CompilerServices;
using System.Text.Json;

namespace EnergyGate.Core.Runtimes.Served;

/// <summary>The token counts a server reports for one request.</summary>
/// <param name="PromptTokens">Tokens of the prompt as the server tokenized it.</param>
/// <param name="CompletionTokens">Tokens it generated.</param>
public readonly record struct CompletionUsage(int? PromptTokens, int? CompletionTokens);

/// <summary>One server-sent event of a streamed completion.</summary>
/// <param name="Text">The text it carries (empty for a usage chunk or a bare finish).</param>
/// <param name="FinishReason">Why the server stopped (<c>stop</c>, <c>length</c>...), on the final chunk; else null.</param>
/// <param name="Usage">The token counts, on the usage chunk (<c>stream_options.include_usage</c>); else null.</param>
public readonly record struct CompletionChunk(string Text, string? FinishReason, CompletionUsage? Usage);

/// <summary>
/// Reads an OpenAI completions stream: <c>data: {json}</c> lines, one chunk each, until
/// <c>data: [DONE]</c> or the end of the body. Comments (<c>:</c>), <c>event:</c> and other fields are
/// skipped; an <c>error</c> object in the stream (vLLM reports failures mid-stream so) is an exception.
/// </summary>
public static class CompletionEvents
{
    /// <summary>The chunks of <paramref name="body"/> as they arrive.</summary>
    /// <exception cref="EnergyGateException">The server sent an error event or a line that is not JSON.</exception>
    public static async IAsyncEnumerable<CompletionChunk> ReadAsync(Stream body, Uri url, [EnumeratorCancellation] CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(url);
        using var reader = new StreamReader(body);
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            if (!line.StartsWith("data:", StringComparison.Ordinal))
            {
                continue;
            }
            var data = line.AsSpan(5).Trim();
            if (data.SequenceEqual("[DONE]"))
            {
                yield break;
            }
            yield return Parse(data.ToString(), url);
        }
    }

    /// <summary>One event's JSON as a chunk.</summary>
    public static CompletionChunk Parse(string json, Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new EnergyGateException($"EG2073: {url} streamed a line that is not JSON ({e.Message}); is `base-url` an OpenAI-compatible server?", e);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new EnergyGateException($"EG2073: {url} streamed `{Shorten(json)}`, not a completion chunk; is `base-url` an OpenAI-compatible server?");
            }
            if (ServedErrors.Message(root) is { } error && root.TryGetProperty("error", out _))
            {
                throw new EnergyGateException($"EG2072: {url} failed while streaming: {error}");
            }
            string text = "";
            string? finish = null;
            if (root.TryGetProperty("choices", out var choices) && choices.ValueKind == JsonValueKind.Array && choices.GetArrayLength() > 0)
            {
                var choice = choices[0];
                text = choice.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "";
                finish = choice.TryGetProperty("finish_reason", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null;
            }
            CompletionUsage? usage = root.TryGetProperty("usage", out var u) && u.ValueKind == JsonValueKind.Object
                ? new CompletionUsage(Count(u, "prompt_tokens"), Count(u, "completion_tokens"))
                : null;
            return new CompletionChunk(text, finish, usage);
        }
    }

    private static int? Count(JsonElement usage, string name) =>
        usage.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n) && n >= 0 ? n : null;

    internal static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "...";
}

using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using EnergyGate.Core.Generation;

namespace EnergyGate.Tool.Serving;

/// <summary>Token counts of one completion, OpenAI's <c>usage</c> object.</summary>
internal readonly record struct Usage(int PromptTokens, int CompletionTokens);

/// <summary>The response bodies of the completions API, in OpenAI's field names and shapes.</summary>
internal static class CompletionJson
{
    /// <summary>
    /// Generated code is full of &lt; &gt; &amp; and quotes; the default encoder's \u escapes are valid but
    /// unreadable in a log, and these bodies are never embedded in HTML.
    /// </summary>
    public static JsonWriterOptions WriterOptions { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>OpenAI's finish_reason: "length" when a token limit (max_tokens or the context) ended it, else "stop".</summary>
    public static string FinishReason(StopReason reason) =>
        reason is StopReason.MaxNewTokens or StopReason.ContextFull ? "length" : "stop";

    /// <summary>A whole (non-streamed) completion.</summary>
    public static byte[] Completion(string id, long created, string model, string text, string finishReason, Usage usage) =>
        Write(json =>
        {
            Header(json, id, created, model);
            json.WriteStartArray("choices");
            Choice(json, text, finishReason);
            json.WriteEndArray();
            WriteUsage(json, usage);
            json.WriteEndObject();
        });

    /// <summary>One stream chunk: text released by a token (finish_reason null), or the last text with its finish_reason.</summary>
    /// <param name="withUsageField">True when the client asked for usage: every chunk then carries <c>"usage": null</c>, as OpenAI's do.</param>
    public static byte[] Chunk(string id, long created, string model, string text, string? finishReason, bool withUsageField) =>
        Write(json =>
        {
            Header(json, id, created, model);
            json.WriteStartArray("choices");
            Choice(json, text, finishReason);
            json.WriteEndArray();
            if (withUsageField)
            {
                json.WriteNull("usage");
            }
            json.WriteEndObject();
        });

    /// <summary>The stream's usage chunk (<c>stream_options.include_usage</c>): no choices, the token counts.</summary>
    public static byte[] UsageChunk(string id, long created, string model, Usage usage) =>
        Write(json =>
        {
            Header(json, id, created, model);
            json.WriteStartArray("choices");
            json.WriteEndArray();
            WriteUsage(json, usage);
            json.WriteEndObject();
        });

    /// <summary><c>GET /v1/models</c>: the one served model.</summary>
    public static byte[] Models(string model, long created) =>
        Write(json =>
        {
            json.WriteStartObject();
            json.WriteString("object", "list");
            json.WriteStartArray("data");
            json.WriteStartObject();
            json.WriteString("id", model);
            json.WriteString("object", "model");
            json.WriteNumber("created", created);
            json.WriteString("owned_by", "energygate");
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        });

    private static void Header(Utf8JsonWriter json, string id, long created, string model)
    {
        json.WriteStartObject();
        json.WriteString("id", id);
        json.WriteString("object", "text_completion");
        json.WriteNumber("created", created);
        json.WriteString("model", model);
    }

    private static void Choice(Utf8JsonWriter json, string text, string? finishReason)
    {
        json.WriteStartObject();
        json.WriteNumber("index", 0);
        json.WriteString("text", text);
        json.WriteNull("logprobs");
        json.WriteString("finish_reason", finishReason);
        json.WriteEndObject();
    }

    private static void WriteUsage(Utf8JsonWriter json, Usage usage)
    {
        json.WriteStartObject("usage");
        json.WriteNumber("prompt_tokens", usage.PromptTokens);
        json.WriteNumber("completion_tokens", usage.CompletionTokens);
        json.WriteNumber("total_tokens", usage.PromptTokens + usage.CompletionTokens);
        json.WriteEndObject();
    }

    private static byte[] Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            body(json);
        }
        return buffer.WrittenSpan.ToArray();
    }
}

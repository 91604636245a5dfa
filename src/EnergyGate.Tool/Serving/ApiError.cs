using System.Buffers;
using System.Text.Json;

namespace EnergyGate.Tool.Serving;

/// <summary>
/// An error answered in OpenAI's shape, <c>{"error":{"message","type","param","code"}}</c>, so
/// OpenAI clients raise it with its message instead of failing to read the body.
/// </summary>
/// <param name="Status">HTTP status.</param>
/// <param name="Message">What is wrong and what to do, for a person.</param>
/// <param name="Param">The request field at fault, or null.</param>
/// <param name="Code">A stable code for programs (e.g. <c>context_length_exceeded</c>), or null.</param>
/// <param name="Type">OpenAI's error type: <c>invalid_request_error</c> for the client's mistakes, <c>server_error</c> for ours.</param>
internal sealed record ApiError(int Status, string Message, string? Param = null, string? Code = null, string Type = ApiError.InvalidRequest)
{
    /// <summary>OpenAI's type for an error the client can fix.</summary>
    public const string InvalidRequest = "invalid_request_error";

    /// <summary>OpenAI's type for an error on the server's side.</summary>
    public const string ServerError = "server_error";

    /// <summary>A 400 naming the field at fault.</summary>
    public static ApiError BadRequest(string message, string? param = null, string? code = null) => new(400, message, param, code);

    /// <summary>The body: <c>{"error":{...}}</c>.</summary>
    public byte[] ToJson()
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer, CompletionJson.WriterOptions))
        {
            WriteTo(json);
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes the <c>{"error":{...}}</c> object.</summary>
    public void WriteTo(Utf8JsonWriter json)
    {
        ArgumentNullException.ThrowIfNull(json);
        json.WriteStartObject();
        json.WriteStartObject("error");
        json.WriteString("message", Message);
        json.WriteString("type", Type);
        json.WriteString("param", Param);
        json.WriteString("code", Code);
        json.WriteEndObject();
        json.WriteEndObject();
    }
}

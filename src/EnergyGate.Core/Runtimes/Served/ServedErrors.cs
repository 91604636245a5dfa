using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace EnergyGate.Core.Runtimes.Served;

/// <summary>
/// Turns what a server or the network did wrong into an <see cref="EnergyGateException"/> that names
/// the URL, the status, the server's own message and what to do. The API key is never part of a
/// message: requests carry it only in a header, and any echo of it in a server's text is masked.
/// </summary>
internal static class ServedErrors
{
    /// <summary>The message of an OpenAI error body (<c>{"error": {"message": ...}}</c>), or of the shapes other servers use.</summary>
    public static string? Message(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        if (root.TryGetProperty("error", out var error))
        {
            return error.ValueKind switch
            {
                JsonValueKind.String => error.GetString(),
                JsonValueKind.Object when error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String => m.GetString(),
                _ => error.GetRawText(),
            };
        }
        foreach (var key in new[] { "message", "detail" })
        {
            if (root.TryGetProperty(key, out var m) && m.ValueKind == JsonValueKind.String)
            {
                return m.GetString();
            }
        }
        return null;
    }

    /// <summary>The exception for a response that is not a success.</summary>
    public static EnergyGateException Status(HttpStatusCode status, string body, Uri url, string? apiKey, string? apiKeyEnv)
    {
        string? message = null;
        try
        {
            using var document = JsonDocument.Parse(body);
            message = Message(document.RootElement);
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's HTML page): its start is still the best clue.
        }
        message = Mask(message ?? CompletionEvents.Shorten(body.Trim()), apiKey);
        var code = (int)status;
        var advice = code switch
        {
            401 or 403 => apiKeyEnv is null
                ? "the server wants an API key: put it in an environment variable and name that variable in `api-key-env`"
                : $"check the key in the environment variable `{apiKeyEnv}` (named by `api-key-env`)",
            404 => "check `base-url` (requests go to {base}/v1/completions) and `model` (the name the server serves)",
            400 or 422 => "the server refused the request's settings: check `model` and the decoding settings (max-new-tokens, stop strings, top-k) against what it accepts",
            429 => "the server is rate-limiting: lower `concurrency`",
            >= 500 => "the server failed: read its log",
            _ => "check `base-url` and the server",
        };
        return new EnergyGateException($"EG2072: {url} answered {code} {status}: {(message.Length > 0 ? message : "(no message)")}; {advice}.");
    }

    /// <summary>The exception for a request that never got an answer.</summary>
    public static EnergyGateException Transport(HttpRequestException e, Uri url) =>
        e.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused } || e.HttpRequestError == HttpRequestError.ConnectionError
            ? new EnergyGateException($"EG2071: no server is running at {url} (connection refused); start the server, or fix `base-url`.", e)
            : new EnergyGateException($"EG2071: request to {url} failed: {e.Message}; check `base-url` and that the server is reachable.", e);

    /// <summary>The exception for a request that ran past <c>timeout-seconds</c>.</summary>
    public static EnergyGateException Timeout(Uri url, TimeSpan timeout, Exception inner) =>
        new($"EG2074: {url} did not finish a request within {timeout.TotalSeconds:0} s; raise `timeout-seconds` or lower `concurrency` or decoding.max-new-tokens.", inner);

    /// <summary><paramref name="text"/> with every occurrence of the key replaced, in case a server echoes it.</summary>
    public static string Mask(string text, string? apiKey) =>
        string.IsNullOrEmpty(apiKey) ? text : text.Replace(apiKey, "***", StringComparison.Ordinal);
}

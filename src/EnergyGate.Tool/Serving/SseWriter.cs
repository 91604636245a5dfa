using Microsoft.AspNetCore.Http;

namespace EnergyGate.Tool.Serving;

/// <summary>Server-sent events as OpenAI streams them: <c>data: {json}\n\n</c> per event, flushed at once, then <c>data: [DONE]</c>.</summary>
internal static class SseWriter
{
    private static readonly byte[] Prefix = "data: "u8.ToArray();
    private static readonly byte[] Separator = "\n\n"u8.ToArray();
    private static readonly byte[] Done = "data: [DONE]\n\n"u8.ToArray();

    /// <summary>Sends the status and headers of an event stream (before the first event).</summary>
    public static void Begin(HttpResponse response)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        // Proxies such as nginx buffer responses unless told not to; a stream must reach the client per token.
        response.Headers["X-Accel-Buffering"] = "no";
    }

    /// <summary>Writes one event and flushes it to the client.</summary>
    public static async Task WriteAsync(HttpResponse response, byte[] json, CancellationToken ct)
    {
        await response.Body.WriteAsync(Prefix, ct);
        await response.Body.WriteAsync(json, ct);
        await response.Body.WriteAsync(Separator, ct);
        await response.Body.FlushAsync(ct);
    }

    /// <summary>Writes the closing <c>data: [DONE]</c> event.</summary>
    public static async Task WriteDoneAsync(HttpResponse response, CancellationToken ct)
    {
        await response.Body.WriteAsync(Done, ct);
        await response.Body.FlushAsync(ct);
    }
}

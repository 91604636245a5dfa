using System.Net;
using System.Text;
using System.Text.Json;
using EnergyGate.Core.Tests.TestSupport;

namespace EnergyGate.Core.Tests.Runtimes.Served;

/// <summary>
/// An OpenAI completions endpoint on 127.0.0.1 that streams scripted chunks as OpenAI does (text
/// chunks, a final chunk with finish_reason, a usage chunk with empty choices, <c>[DONE]</c>), counting
/// requests in flight and keeping each request's Authorization header and body. Each request is
/// served on its own task, as a real server does, so concurrency can be counted.
/// </summary>
internal sealed class FakeOpenAiServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Lock _gate = new();
    private readonly Task _loop;
    private int _inFlight;

    /// <summary>Starts it; <paramref name="script"/> gives, per request body, the chunks (delay before each, text) and whether usage is sent.</summary>
    public FakeOpenAiServer(Func<JsonElement, (IReadOnlyList<(int DelayMs, string Text)> Chunks, bool Usage)> script, int status = 200, string? errorBody = null)
    {
        BaseUrl = $"http://127.0.0.1:{LocalHttpServer.FreePort()}";
        _listener.Prefixes.Add(BaseUrl + "/");
        _listener.Start();
        _loop = Task.Run(async () =>
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                {
                    return;
                }
                _ = Task.Run(async () =>
                {
                    try
                    {
                        await Serve(context, script, status, errorBody);
                        context.Response.Close();
                    }
                    catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException)
                    {
                        // The client closed the stream early (a stop string): nothing more to send.
                    }
                });
            }
        });
    }

    private async Task Serve(HttpListenerContext context, Func<JsonElement, (IReadOnlyList<(int DelayMs, string Text)> Chunks, bool Usage)> script, int status, string? errorBody)
    {
        using var reader = new StreamReader(context.Request.InputStream);
        using var body = JsonDocument.Parse(await reader.ReadToEndAsync());
        lock (_gate)
        {
            Authorizations.Add(context.Request.Headers["Authorization"]);
            Bodies.Add(body.RootElement.Clone());
            MaxInFlight = Math.Max(MaxInFlight, ++_inFlight);
        }
        try
        {
            if (status != 200)
            {
                context.Response.StatusCode = status;
                await context.Response.OutputStream.WriteAsync(Encoding.UTF8.GetBytes(errorBody ?? ""));
                return;
            }
            var (chunks, usage) = script(body.RootElement);
            context.Response.ContentType = "text/event-stream";
            context.Response.SendChunked = true;
            var output = context.Response.OutputStream;
            var text = new StringBuilder();
            foreach (var (delay, piece) in chunks)
            {
                await Task.Delay(delay);
                text.Append(piece);
                await Send(output, new { id = "cmpl-1", @object = "text_completion", created = 1, model = "m", choices = new[] { new { index = 0, text = piece, finish_reason = (string?)null } } });
            }
            await Send(output, new { id = "cmpl-1", @object = "text_completion", created = 1, model = "m", choices = new[] { new { index = 0, text = "", finish_reason = "length" } } });
            if (usage)
            {
                await Send(output, new { id = "cmpl-1", @object = "text_completion", created = 1, model = "m", choices = Array.Empty<object>(), usage = new { prompt_tokens = 7, completion_tokens = 40, total_tokens = 47 } });
            }
            await output.WriteAsync("data: [DONE]\n\n"u8.ToArray());
        }
        finally
        {
            lock (_gate)
            {
                _inFlight--;
            }
        }
    }

    /// <summary>The base URL (without /v1).</summary>
    public string BaseUrl { get; }

    /// <summary>Most requests that were in flight at once.</summary>
    public int MaxInFlight { get; private set; }

    /// <summary>Each request's Authorization header (null when absent).</summary>
    public List<string?> Authorizations { get; } = [];

    /// <summary>Each request's JSON body.</summary>
    public List<JsonElement> Bodies { get; } = [];

    private static async Task Send(Stream output, object chunk)
    {
        await output.WriteAsync(Encoding.UTF8.GetBytes($"data: {JsonSerializer.Serialize(chunk)}\n\n"));
        await output.FlushAsync();
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop;
    }
}

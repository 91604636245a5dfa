using Microsoft.AspNetCore.Http;

namespace EnergyGate.Tool.Serving;

/// <summary>
/// The server's three routes, dispatched by hand: three paths need no routing framework, and a
/// wrong path or method then gets a JSON error body in OpenAI's shape rather than an empty 404/405.
/// </summary>
internal sealed class ServerRoutes(CompletionHandler completions, ServedModelInfo model, long created, CancellationToken stopping)
{
    private static readonly byte[] Ok = "ok"u8.ToArray();

    /// <summary>Answers one request.</summary>
    public Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (path, method) = (context.Request.Path.Value?.TrimEnd('/') ?? string.Empty, context.Request.Method);
        var ct = context.RequestAborted;
        if (stopping.IsCancellationRequested)
        {
            // Kestrel has closed the listener; a request on a kept-alive connection still arrives here.
            context.Response.Headers.Connection = "close";
            return ErrorResponse.WriteAsync(context.Response, ErrorResponse.ShuttingDown, ct);
        }
        return path switch
        {
            "/v1/completions" => HttpMethods.IsPost(method) ? completions.HandleAsync(context) : NotAllowed(context, "POST"),
            "/v1/models" => HttpMethods.IsGet(method) ? WriteAsync(context, "application/json", CompletionJson.Models(model.Name, created)) : NotAllowed(context, "GET"),
            "/health" => HttpMethods.IsGet(method) || HttpMethods.IsHead(method) ? WriteAsync(context, "text/plain", Ok) : NotAllowed(context, "GET"),
            _ => ErrorResponse.WriteAsync(context.Response, new ApiError(404,
                $"no route {method} {context.Request.Path}: this server answers POST /v1/completions, GET /v1/models and GET /health", Code: "not_found"), ct),
        };
    }

    private static Task NotAllowed(HttpContext context, string allowed)
    {
        context.Response.Headers.Allow = allowed;
        return ErrorResponse.WriteAsync(context.Response, new ApiError(405,
            $"{context.Request.Path} takes {allowed}, not {context.Request.Method}", Code: "method_not_allowed"), context.RequestAborted);
    }

    private static async Task WriteAsync(HttpContext context, string contentType, byte[] body)
    {
        context.Response.ContentType = contentType;
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }
}

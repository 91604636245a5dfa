using Microsoft.AspNetCore.Http;

namespace EnergyGate.Tool.Serving;

/// <summary>Writes an <see cref="ApiError"/> as the whole response.</summary>
internal static class ErrorResponse
{
    /// <summary>The answer to a request that arrives while the server drains.</summary>
    public static ApiError ShuttingDown { get; } = new(503, "the server is shutting down: it finishes the requests in flight and takes no new ones", Code: "server_shutting_down", Type: ApiError.ServerError);

    /// <summary>Sets the status and writes <paramref name="error"/>'s JSON body.</summary>
    public static async Task WriteAsync(HttpResponse response, ApiError error, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(error);
        response.StatusCode = error.Status;
        response.ContentType = "application/json";
        await response.Body.WriteAsync(error.ToJson(), ct);
    }
}

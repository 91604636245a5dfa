using System.Globalization;
using EnergyGate.Core.Configuration;

namespace EnergyGate.Core.Runtimes.Served;

/// <summary>An <c>openai</c> runtime entry's options, as the configuration validated them.</summary>
/// <param name="CompletionsUri">Where requests go: <c>{base}/v1/completions</c>.</param>
/// <param name="Model">The model name the server knows; null: the plan model's name.</param>
/// <param name="ApiKeyEnv">The environment variable holding the key; null: no key is sent.</param>
/// <param name="Concurrency">Requests in flight at once.</param>
/// <param name="Timeout">Longest a request may take, sending to its last chunk.</param>
/// <param name="ServerPid">The local server's process id, for the estimate meter; null when not named so.</param>
/// <param name="ServerProcess">The local server's process name, for the estimate meter; null when not named so.</param>
public sealed record OpenAiSettings(Uri CompletionsUri, string? Model, string? ApiKeyEnv, int Concurrency, TimeSpan Timeout, int? ServerPid, string? ServerProcess)
{
    /// <summary>Seconds a request may take when <c>timeout-seconds</c> is not set.</summary>
    public const int DefaultTimeoutSeconds = 300;

    /// <summary>True when the entry names a local server process whose CPU time the estimate meter can charge.</summary>
    public bool NamesServer => ServerPid is not null || ServerProcess is not null;

    /// <summary>Reads <paramref name="runtime"/>'s options.</summary>
    /// <exception cref="EnergyGateException">The entry is not an openai entry or lacks <c>base-url</c>.</exception>
    public static OpenAiSettings From(RuntimeSettings runtime)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        var baseUrl = runtime.Option("base-url") ?? throw new EnergyGateException(
            $"EG2070: runtime entry `{runtime.Label}` has no `base-url`; set it to the server's address, e.g. `base-url: http://127.0.0.1:8000`.");
        return new OpenAiSettings(
            CompletionsUrl(baseUrl),
            runtime.Option("model"),
            runtime.Option("api-key-env"),
            Int(runtime.Option("concurrency")) ?? 1,
            TimeSpan.FromSeconds(Int(runtime.Option("timeout-seconds")) ?? DefaultTimeoutSeconds),
            Int(runtime.Option("server-pid")),
            runtime.Option("server-process"));
    }

    /// <summary>
    /// <c>{base}/v1/completions</c> for a base given with or without its <c>/v1</c>: servers document
    /// either form (vLLM's <c>http://host:8000/v1</c>, llama.cpp's <c>http://host:8080</c>).
    /// </summary>
    public static Uri CompletionsUrl(string baseUrl)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        var trimmed = baseUrl.TrimEnd('/');
        if (trimmed.EndsWith("/v1", StringComparison.OrdinalIgnoreCase))
        {
            trimmed = trimmed[..^3];
        }
        return Uri.TryCreate(trimmed + "/v1/completions", UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw new EnergyGateException($"EG2070: `base-url: {baseUrl}` is not an absolute http:// or https:// URL; set it to the server's address, e.g. `http://127.0.0.1:8000`.");
    }

    private static int? Int(string? text) => text is null ? null : int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture);
}

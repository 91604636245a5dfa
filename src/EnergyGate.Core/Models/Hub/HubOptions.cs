namespace EnergyGate.Core.Models.Hub;

/// <summary>Where the hub is and how to reach it, read from the environment as huggingface_hub reads it.</summary>
/// <param name="Endpoint">The hub's base URL (<c>HF_ENDPOINT</c>; default https://huggingface.co).</param>
/// <param name="Offline">Cache only (<c>HF_HUB_OFFLINE=1</c>).</param>
public sealed record HubOptions(Uri Endpoint, bool Offline)
{
    /// <summary>
    /// Re-hash a complete cached download before using it (<c>model pull --verify</c>): a file whose size or hash no
    /// longer matches the hub's is removed and downloaded again (offline: the cache is incomplete, EG2083).
    /// </summary>
    public bool Verify { get; init; }

    /// <summary>The public hub.</summary>
    public static Uri DefaultEndpoint { get; } = new("https://huggingface.co/");

    /// <summary>The variable that names a mirror.</summary>
    public const string EndpointVariable = "HF_ENDPOINT";

    /// <summary>The variable that turns the network off.</summary>
    public const string OfflineVariable = "HF_HUB_OFFLINE";

    /// <summary>The token variable used when a model names none (<c>token-env:</c>).</summary>
    public const string DefaultTokenVariable = "HF_TOKEN";

    /// <summary>Reads <c>HF_ENDPOINT</c> and <c>HF_HUB_OFFLINE</c> through <paramref name="getVariable"/>.</summary>
    /// <exception cref="EnergyGateException">HF_ENDPOINT is not an absolute http(s) URL.</exception>
    public static HubOptions FromEnvironment(Func<string, string?> getVariable)
    {
        ArgumentNullException.ThrowIfNull(getVariable);
        var endpoint = DefaultEndpoint;
        if (getVariable(EndpointVariable) is { Length: > 0 } text)
        {
            if (!Uri.TryCreate(text.TrimEnd('/') + "/", UriKind.Absolute, out var parsed) || parsed.Scheme is not ("http" or "https"))
            {
                throw new EnergyGateException($"{EndpointVariable}='{text}' is not an http(s) URL; set it to the hub mirror's base URL (e.g. https://hf-mirror.example) or unset it");
            }
            endpoint = parsed;
        }
        // huggingface_hub treats 1/ON/YES/TRUE (any case) as on.
        var offline = getVariable(OfflineVariable)?.Trim().ToUpperInvariant() is "1" or "ON" or "YES" or "TRUE";
        return new HubOptions(endpoint, offline);
    }
}

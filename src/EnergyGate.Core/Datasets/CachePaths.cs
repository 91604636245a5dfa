namespace EnergyGate.Core.Datasets;

/// <summary>Where EnergyGate keeps downloaded data when the user does not say.</summary>
public static class CachePaths
{
    /// <summary>Environment variable that overrides the cache folder.</summary>
    public const string CacheDirVariable = "ENERGYGATE_CACHE_DIR";

    /// <summary>
    /// The default cache folder: <c>$ENERGYGATE_CACHE_DIR</c>, else <c>$XDG_CACHE_HOME/energygate</c>,
    /// else <c>~/.cache/energygate</c>. The environment is an argument so that callers and tests control it.
    /// </summary>
    /// <param name="environment">Environment variables; missing and empty values count as unset.</param>
    /// <param name="home">The user's home folder.</param>
    /// <exception cref="EnergyGateException">No variable is set and <paramref name="home"/> is empty.</exception>
    public static string Default(IReadOnlyDictionary<string, string?> environment, string home)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (Get(environment, CacheDirVariable) is { } explicitDir)
        {
            return explicitDir;
        }
        // The XDG spec says a relative XDG_CACHE_HOME is invalid and must be ignored.
        if (Get(environment, "XDG_CACHE_HOME") is { } xdg && Path.IsPathFullyQualified(xdg))
        {
            return Path.Combine(xdg, "energygate");
        }
        if (string.IsNullOrWhiteSpace(home))
        {
            throw new EnergyGateException(
                $"cannot find a cache folder: no home folder; set {CacheDirVariable} or pass --cache-dir");
        }
        return Path.Combine(home, ".cache", "energygate");
    }

    private static string? Get(IReadOnlyDictionary<string, string?> environment, string name) =>
        environment.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;
}

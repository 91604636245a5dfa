namespace EnergyGate.Core.Configuration;

/// <summary>
/// The keys the loader accepts at each level. Tests compare these tables with
/// <c>docs/energygate.schema.json</c>, so adding a key without documenting it fails the build.
/// </summary>
internal static class ConfigKeys
{
    public const string Version = "version";
    public const string Python = "python";
    public const string CacheDir = "cache-dir";
    public const string ResultsDir = "results-dir";
    public const string Suites = "suites";
    public const string Sandbox = "sandbox";

    public const string Name = "name";
    public const string DataDir = "data-dir";
    public const string K = "k";
    public const string SamplesPerTask = "samples-per-task";

    public const string Timeout = "timeout";
    public const string MemoryMib = "memory-mib";
    public const string CpuSeconds = "cpu-seconds";
    public const string FileSizeMib = "file-size-mib";
    public const string MaxProcesses = "max-processes";
    public const string Workers = "workers";

    public static IReadOnlyList<string> Root { get; } = [Version, Python, CacheDir, ResultsDir, Suites, Sandbox];

    public static IReadOnlyList<string> Suite { get; } = [Name, DataDir, K, SamplesPerTask];

    public static IReadOnlyList<string> SandboxSection { get; } = [Timeout, MemoryMib, CpuSeconds, FileSizeMib, MaxProcesses, Workers];

    /// <summary>
    /// Top-level keys of the full product that this version cannot honour yet. They are rejected
    /// rather than ignored: a gate that silently skips its <c>thresholds</c> would pass everything.
    /// </summary>
    public static IReadOnlyList<string> NotYetSupported { get; } =
        ["models", "runtimes", "meter", "repetitions", "decoding", "thresholds", "policy", "baselines"];

    /// <summary>The only value <c>version</c> may have.</summary>
    public const int CurrentVersion = 1;
}

namespace EnergyGate.Core.Configuration;

/// <summary>Environment variables <see cref="SettingsResolver"/> reads from the dictionary it is given.</summary>
public static class EnvironmentVariables
{
    /// <summary>Interpreter path or command name for scoring.</summary>
    public const string Python = "ENERGYGATE_PYTHON";

    /// <summary>Cache folder for datasets and models.</summary>
    public const string CacheDir = "ENERGYGATE_CACHE_DIR";

    /// <summary>Results folder.</summary>
    public const string ResultsDir = "ENERGYGATE_RESULTS_DIR";

    /// <summary>Sandbox wall-clock limit per sample, in seconds.</summary>
    public const string SandboxTimeout = "ENERGYGATE_SANDBOX_TIMEOUT";

    /// <summary>Sandbox address-space limit per sample, in MiB.</summary>
    public const string SandboxMemoryMib = "ENERGYGATE_SANDBOX_MEMORY_MIB";

    /// <summary>sandbox.isolation: auto, bubblewrap or process.</summary>
    public const string SandboxIsolation = "ENERGYGATE_SANDBOX_ISOLATION";

    /// <summary>Samples executed in parallel.</summary>
    public const string Workers = "ENERGYGATE_WORKERS";

    /// <summary>Base of the default cache folder, per the XDG base directory specification.</summary>
    public const string XdgCacheHome = "XDG_CACHE_HOME";

    /// <summary>Energy meter (auto, rapl, nvml, estimate).</summary>
    public const string Meter = "ENERGYGATE_METER";

    /// <summary>Recorded repetitions per cell.</summary>
    public const string Repetitions = "ENERGYGATE_REPETITIONS";

    /// <summary>The committed baselines folder.</summary>
    public const string Baselines = "ENERGYGATE_BASELINES";

    /// <summary>Which verdicts fail the gate (regression, inconclusive, never).</summary>
    public const string FailOn = "ENERGYGATE_FAIL_ON";
}

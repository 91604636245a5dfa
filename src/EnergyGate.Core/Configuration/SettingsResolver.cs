using EnergyGate.Core.Gating;
using EnergyGate.Core.Scoring;
using Env = EnergyGate.Core.Configuration.EnvironmentVariables;

using EnergyGate.Core.Suites;

namespace EnergyGate.Core.Configuration;

/// <summary>
/// Layers every source into one <see cref="ResolvedSettings"/>: command line &gt; <c>ENERGYGATE_*</c>
/// environment variable &gt; <c>energygate.yml</c> &gt; default. A pure function of its inputs: the
/// caller passes the environment and home folder in, so tests control both.
/// </summary>
public static class SettingsResolver
{
    /// <summary>Results folder when no source sets one; relative to the config file's folder, or to the current folder without a file.</summary>
    public const string DefaultResultsDir = ".energygate/results";

    /// <summary>Baselines folder when no source sets one; relative to the config file's folder, or to the current folder without a file.</summary>
    public const string DefaultBaselinesDir = "baselines";

    /// <summary>Resolves the final settings.</summary>
    /// <param name="file">The loaded file, or null when there is none.</param>
    /// <param name="environment">A snapshot of the process environment (case-sensitive names).</param>
    /// <param name="cli">Values given on the command line.</param>
    /// <param name="homeDirectory">Absolute home folder; <c>~</c> in any path expands to it.</param>
    /// <exception cref="ConfigurationException">An environment variable or option is malformed; lists every problem.</exception>
    public static ResolvedSettings Resolve(EnergyGateConfig? file, IReadOnlyDictionary<string, string?> environment,
        CliOverrides cli, string homeDirectory)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(cli);
        ArgumentException.ThrowIfNullOrEmpty(homeDirectory);
        var errors = new List<ConfigError>();
        CliSource.Validate(cli, errors);
        var env = new EnvironmentSource(environment, errors);
        string? Expand(string? path) => path is null ? null : ConfigPaths.ExpandHome(path, homeDirectory);

        var python = Expand(cli.Python ?? env.Text(Env.Python) ?? file?.Python);
        var cacheDir = Expand(cli.CacheDir ?? env.Text(Env.CacheDir) ?? file?.CacheDir) ?? DefaultCacheDir(env, homeDirectory);
        var resultsDir = Expand(cli.ResultsDir ?? env.Text(Env.ResultsDir) ?? file?.ResultsDir)
            ?? (file is null ? DefaultResultsDir : Path.GetFullPath(DefaultResultsDir, file.BaseDirectory));
        var sandbox = Sandbox(file?.Sandbox, env, cli);
        var suites = Suites(file?.Suites, Expand(cli.DataDir), Expand);
        var envMeter = env.OneOf(Env.Meter, RunConfigReader.Meters);
        var envRepetitions = env.PositiveIntAtMost(Env.Repetitions, Measurement.PlanLimits.MaxRepetitions);
        var envFailOn = env.OneOf(Env.FailOn, GateValues.FailOnNames);
        var failOn = cli.FailOn ?? envFailOn;
        var gate = file?.Gate ?? GatePolicy.Default;

        if (errors.Count > 0)
        {
            throw new ConfigurationException(errors);
        }
        return new ResolvedSettings(python, cacheDir, resultsDir, suites, sandbox)
        {
            Models = RunSettingsResolver.Models(file?.Models),
            Runtimes = RunSettingsResolver.Runtimes(file?.Runtimes),
            Measurement = RunSettingsResolver.Measurement(file?.Measurement, cli.Meter ?? envMeter, cli.Repetitions ?? envRepetitions),
            Decoding = RunSettingsResolver.Decoding(file?.Decoding, cli.MaxNewTokens),
            Batches = RunSettingsResolver.Batches(file?.Decoding),
            BaselinesDir = Expand(cli.BaselinesDir ?? env.Text(Env.Baselines) ?? file?.BaselinesDir)
                ?? (file is null ? DefaultBaselinesDir : Path.GetFullPath(DefaultBaselinesDir, file.BaseDirectory)),
            MachineClass = file?.MachineClass,
            Footprint = Reporting.FootprintSettings.Resolve(file?.Report),
            // fail-on is the one policy key a CI job commonly flips (e.g. report-only on forks), so it alone has an option.
            Gate = failOn is null ? gate : gate with { FailOn = GateValues.ParseFailOn(failOn) },
        };
    }

    private static string DefaultCacheDir(EnvironmentSource env, string home)
    {
        // The XDG spec says a relative XDG_CACHE_HOME is invalid and must be ignored.
        var xdg = env.Text(Env.XdgCacheHome);
        return xdg is not null && Path.IsPathFullyQualified(xdg)
            ? Path.Join(xdg, "energygate")
            : Path.Join(home, ".cache", "energygate");
    }

    private static SandboxOptions Sandbox(SandboxConfig? file, EnvironmentSource env, CliOverrides cli)
    {
        // Environment values are parsed even when an option overrides them: a malformed variable is a
        // broken CI setup that would surface later, in a run without the option.
        var (envSeconds, envMemory, envWorkers) =
            (env.Seconds(Env.SandboxTimeout), env.PositiveInt(Env.SandboxMemoryMib), env.PositiveInt(Env.Workers));
        var envIsolation = env.OneOf(Env.SandboxIsolation, SandboxIsolationNames.All);
        var defaults = new SandboxOptions();
        var seconds = cli.TimeoutSeconds ?? envSeconds ?? file?.TimeoutSeconds;
        var memoryMib = cli.MemoryMib ?? envMemory ?? file?.MemoryMib;
        return defaults with
        {
            // An invalid --timeout is already recorded as an error; converting it here would throw
            // (NaN, infinity) before Resolve reports every problem, so it keeps the default until then.
            Timeout = seconds is { } s && ValueFormats.IsValidSeconds(s) ? TimeSpan.FromSeconds(s) : defaults.Timeout,
            MemoryBytes = memoryMib is { } m ? (long)m << 20 : defaults.MemoryBytes,
            CpuSeconds = file?.CpuSeconds ?? defaults.CpuSeconds,
            FileSizeBytes = file?.FileSizeMib is { } f ? (long)f << 20 : defaults.FileSizeBytes,
            MaxProcesses = file?.MaxProcesses ?? defaults.MaxProcesses,
            Workers = cli.Workers ?? envWorkers ?? file?.Workers ?? defaults.Workers,
            Mechanism = SandboxIsolationNames.Parse(envIsolation ?? file?.Isolation) ?? defaults.Mechanism,
            Oracle = new Waste.Babbling.OracleTimeLimit(
                file?.OracleFactor ?? defaults.Oracle.Factor,
                file?.OracleMinSeconds is { } floor ? TimeSpan.FromSeconds(floor) : defaults.Oracle.Floor),
        };
    }

    private static List<SuiteSettings> Suites(IReadOnlyList<SuiteConfig>? file, string? cliDataDir, Func<string?, string?> expand)
    {
        // The default pairs a code-generation cell with a code-understanding one: long prompts and
        // short answers are where prefill dominates, so both phases get exercised.
        IReadOnlyList<SuiteConfig> suites = file ?? [new SuiteConfig { Name = SuiteNames.Smoke }, new SuiteConfig { Name = SuiteNames.SmokeLcc }];
        return [.. suites.Select(s => new SuiteSettings(
            s.Kind ?? s.Name,
            // --data-dir names one suite's folder (HumanEval's); the built-in suites ship inside the assembly and have none.
            SuiteDefinitions.Find(s.Name)?.TakesDataDirOption == true ? cliDataDir ?? expand(s.DataDir) : expand(s.DataDir),
            s.K ?? [1],
            s.SamplesPerTask ?? 1)
        {
            Limit = s.Limit,
            File = expand(s.File),
            Suppression = s.Suppression,
            PromptFormat = s.PromptFormat,
            OwnName = s.Kind is null ? null : s.Name,
        })];
    }
}

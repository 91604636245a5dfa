using System.Collections;
using System.CommandLine;
using System.Globalization;
using EnergyGate.Core.Configuration;
using EnergyGate.Core.Waste.Amplification;

namespace EnergyGate.Tool;

/// <summary>
/// The options every verb shares and their translation into Core's <see cref="CliOverrides"/>.
/// Precedence (CLI > environment > file > default) is decided in Core, not here.
/// </summary>
internal sealed class SettingsOptions
{
    public const string DefaultConfigFile = ConfigLoader.DefaultFileName;

    public Option<FileInfo?> Config { get; } = new("--config", "-c")
    {
        Description = $"Configuration file (default: ./{DefaultConfigFile} when it exists).",
    };

    public Option<string?> Python { get; } = new("--python") { Description = "Python interpreter used to score code." };

    public Option<string?> CacheDir { get; } = new("--cache-dir")
    {
        Description = "Folder for downloaded datasets and models (default: $ENERGYGATE_CACHE_DIR, else $XDG_CACHE_HOME/energygate, else ~/.cache/energygate).",
    };

    public Option<double?> Timeout { get; } = new("--timeout") { Description = "Seconds each generated program may run (default 3)." };

    public Option<int?> Workers { get; } = new("--workers") { Description = "Programs executed in parallel (default: processor count)." };

    public Option<string?> DataDir { get; } = new("--data-dir") { Description = "Folder holding the dataset file, e.g. HumanEval.jsonl.gz." };

    public Option<string?> ResultsDir { get; } = new("--results-dir") { Description = "Folder for results and reports (default: .energygate/results)." };

    public Option<string?> Meter { get; } = new("--meter") { Description = $"Energy meter: {string.Join(", ", [Core.Energy.MeterSelector.Auto, .. Core.Energy.MeterProviders.Names])}." };

    public Option<int?> Repetitions { get; } = new("--repetitions") { Description = "Recorded repetitions per cell (default 3)." };

    public Option<int?> MaxNewTokens { get; } = new("--max-new-tokens") { Description = "Most tokens generated per problem (default 128)." };

    public Option<string?> FailOn { get; } = new("--fail-on") { Description = "When the gate fails: regression, inconclusive or never (report only)." };

    public Option<string?> PromptLengths { get; } = new("--prompt-lengths") { Description = "Prefill-amplification sweep: pad every code prompt with real code to these token counts, e.g. 128,256,384." };

    public Option<bool> CheckSuite { get; } = new("--check-suite") { Description = "Before measuring, run every code suite's canonical solutions against their tests in the sandbox; fail listing the tasks that do not pass." };

    public Option<bool> SuppressionStudy { get; } = new("--suppression-study") { Description = "Run every code suite with suppression off and with each strategy, and report what each saves." };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Config, Python, CacheDir, Timeout, Workers, DataDir })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>Adds the options that shape a measurement run (run, check).</summary>
    public void AddRunOptionsTo(Command command)
    {
        AddTo(command);
        foreach (var option in new Option[] { ResultsDir, Meter, Repetitions, MaxNewTokens, FailOn, PromptLengths, SuppressionStudy, CheckSuite })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>Loads the configuration file (if any) and resolves the final settings.</summary>
    public ResolvedSettings Resolve(ParseResult parse, string? baselinesDir = null) => ResolveFile(parse, ConfigPath(parse), baselinesDir);

    /// <summary>Resolves another configuration file (e.g. <c>ab</c>'s base) under the same command-line overrides.</summary>
    public ResolvedSettings ResolveFile(ParseResult parse, string? path, string? baselinesDir = null)
    {
        using var phase = Core.Diagnostics.RunPhases.Start(Core.Diagnostics.RunPhases.Settings);
        var file = path is null ? null : ConfigLoader.Load(path);
        var cli = new CliOverrides
        {
            Python = parse.GetValue(Python),
            CacheDir = parse.GetValue(CacheDir),
            TimeoutSeconds = parse.GetValue(Timeout),
            Workers = parse.GetValue(Workers),
            DataDir = parse.GetValue(DataDir),
            ResultsDir = parse.GetValue(ResultsDir),
            Meter = parse.GetValue(Meter),
            Repetitions = parse.GetValue(Repetitions),
            MaxNewTokens = parse.GetValue(MaxNewTokens),
            BaselinesDir = baselinesDir,
            FailOn = parse.GetValue(FailOn),
        };
        var resolved = SettingsResolver.Resolve(file, ProcessEnvironment(), cli, Home());
        return resolved with
        {
            PromptLengths = parse.GetValue(PromptLengths) is { } lengths ? PromptLengthSweep.ParseLengths(lengths) : [],
            SuppressionStudy = parse.GetValue(SuppressionStudy),
        };
    }

    /// <summary>The configuration file in use: --config, else ./energygate.yml when it exists, else null.</summary>
    public string? ConfigPath(ParseResult parse) =>
        parse.GetValue(Config) is { } named ? named.FullName
        : File.Exists(DefaultConfigFile) ? Path.GetFullPath(DefaultConfigFile)
        : null;

    /// <summary>Where the configuration file defined each model, suite and runtime (for findings' positions).</summary>
    public ConfigPositions Positions(ParseResult parse) =>
        ConfigPath(parse) is { } path && File.Exists(path) ? ConfigPositions.Parse(File.ReadAllText(path), path) : ConfigPositions.None;

    /// <summary>A snapshot of the process environment; Core never reads it directly.</summary>
    public static IReadOnlyDictionary<string, string?> ProcessEnvironment()
    {
        var result = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            result[(string)entry.Key] = (string?)entry.Value;
        }
        return result;
    }

    public static string Home() => Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

    public static string Invariant(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}

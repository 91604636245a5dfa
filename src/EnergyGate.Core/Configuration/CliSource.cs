namespace EnergyGate.Core.Configuration;

/// <summary>
/// Validates <see cref="CliOverrides"/>. The rules live here rather than in the tool so the MSBuild
/// task and the action, which reach Core through the tool's arguments, get the same checks.
/// </summary>
internal static class CliSource
{
    public const string SourceName = "command line";

    public static void Validate(CliOverrides cli, List<ConfigError> errors)
    {
        Path(cli.Python, "--python", errors);
        Path(cli.CacheDir, "--cache-dir", errors);
        Path(cli.ResultsDir, "--results-dir", errors);
        Path(cli.DataDir, "--data-dir", errors);
        Path(cli.BaselinesDir, "--baselines", errors);
        if (cli.TimeoutSeconds is { } seconds && !ValueFormats.IsValidSeconds(seconds))
        {
            Add(errors, "--timeout", ValueFormats.Seconds, seconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        Positive(cli.Workers, "--workers", errors);
        Positive(cli.MemoryMib, "--memory-mib", errors);
        Positive(cli.Repetitions, "--repetitions", errors);
        if (cli.Repetitions is > Measurement.PlanLimits.MaxRepetitions)
        {
            Add(errors, "--repetitions", ValueFormats.PositiveIntegerAtMost(Measurement.PlanLimits.MaxRepetitions),
                cli.Repetitions.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        Positive(cli.MaxNewTokens, "--max-new-tokens", errors);
        if (cli.Meter is { } meter && !RunConfigReader.Meters.Contains(meter, StringComparer.Ordinal))
        {
            Add(errors, "--meter", $"one of {string.Join(", ", RunConfigReader.Meters)}", meter);
        }
        if (cli.FailOn is { } failOn && !GateValues.FailOnNames.Contains(failOn, StringComparer.Ordinal))
        {
            Add(errors, "--fail-on", $"one of {string.Join(", ", GateValues.FailOnNames)}", ValueFormats.Quote(failOn));
        }
    }

    private static void Path(string? value, string option, List<ConfigError> errors)
    {
        if (value is not null && string.IsNullOrWhiteSpace(value))
        {
            Add(errors, option, "a path", "an empty value");
        }
    }

    private static void Positive(int? value, string option, List<ConfigError> errors)
    {
        if (value is <= 0)
        {
            Add(errors, option, ValueFormats.PositiveInteger, value.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    private static void Add(List<ConfigError> errors, string option, string expected, string found) =>
        errors.Add(new ConfigError(SourceName, 0, 0, option, $"expected {expected}, found {found}"));
}

namespace EnergyGate.Core.Configuration;

/// <summary>
/// Every problem found in the configuration at once, so a user fixes them in one pass rather than
/// one run per mistake.
/// </summary>
public sealed class ConfigurationException : EnergyGateException
{
    /// <summary>Creates the exception from the collected errors (at least one).</summary>
    public ConfigurationException(IReadOnlyList<ConfigError> errors)
        : base(Format(errors)) => Errors = errors;

    /// <summary>Creates the exception for one error with its underlying cause.</summary>
    public ConfigurationException(ConfigError error, Exception inner)
        : base(error.ToString(), inner) => Errors = [error];

    /// <summary>The problems, in the order they appear in their source.</summary>
    public IReadOnlyList<ConfigError> Errors { get; }

    private static string Format(IReadOnlyList<ConfigError> errors)
    {
        ArgumentOutOfRangeException.ThrowIfZero(errors.Count);
        if (errors.Count == 1)
        {
            return errors[0].ToString();
        }
        // One error per line keeps each one clickable in an editor or a CI log.
        var lines = errors.Select(e => e.ToString());
        return $"{errors.Count} configuration errors:{Environment.NewLine}{string.Join(Environment.NewLine, lines)}";
    }
}

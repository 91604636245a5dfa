namespace EnergyGate.Tool;

/// <summary>The tool's process exit codes; CI scripts depend on these numbers.</summary>
internal enum ExitCode
{
    Ok = 0,
    Regression = 1,
    UsageOrToolError = 2,
    Inconclusive = 3,

    /// <summary>Stopped by Ctrl-C or SIGTERM: 128 + SIGINT, what shells report for a process Ctrl-C ended.</summary>
    Interrupted = 130,
}

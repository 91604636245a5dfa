namespace EnergyGate.Tool;

/// <summary>The tool's process exit codes; CI scripts depend on these numbers.</summary>
internal enum ExitCode
{
    Ok = 0,
    Regression = 1,
    UsageOrToolError = 2,
    Inconclusive = 3,
}

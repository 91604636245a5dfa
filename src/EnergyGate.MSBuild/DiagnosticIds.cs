namespace EnergyGate.MSBuild;

/// <summary>The ids the task itself reports (the tool reports the rest); documented in README.md.</summary>
internal static class DiagnosticIds
{
    /// <summary>The gate was inconclusive and the policy fails on that (tool exit code 3).</summary>
    public const string Inconclusive = "EG1003";

    /// <summary>The tool could not be found or started.</summary>
    public const string ToolNotFound = "EG2022";

    /// <summary>The tool failed without saying why in a form the task reads.</summary>
    public const string ToolFailed = "EG2023";
}

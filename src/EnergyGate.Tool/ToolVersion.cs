using System.Reflection;

namespace EnergyGate.Tool;

/// <summary>The tool's version as stamped by the build.</summary>
internal static class ToolVersion
{
    public static string Informational { get; } =
        typeof(ToolVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
}

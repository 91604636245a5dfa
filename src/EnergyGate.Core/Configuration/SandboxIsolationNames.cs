using EnergyGate.Core.Scoring;

namespace EnergyGate.Core.Configuration;

/// <summary>The values of <c>sandbox.isolation</c>.</summary>
public static class SandboxIsolationNames
{
    /// <summary>Every accepted value, as written in energygate.yml.</summary>
    public static IReadOnlyList<string> All { get; } = ["auto", "bubblewrap", "process"];

    /// <summary>The mechanism a (validated) value names; null for null.</summary>
    public static SandboxMechanism? Parse(string? value) => value switch
    {
        null => null,
        "bubblewrap" => SandboxMechanism.Bubblewrap,
        "process" => SandboxMechanism.Process,
        _ => SandboxMechanism.Auto,
    };
}

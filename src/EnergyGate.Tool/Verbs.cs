using System.CommandLine;

namespace EnergyGate.Tool;

/// <summary>Every top-level verb, one file each under Commands/.</summary>
internal static class Verbs
{
    public static IEnumerable<Command> All() => [];
}

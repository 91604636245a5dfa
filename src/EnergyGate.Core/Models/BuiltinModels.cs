namespace EnergyGate.Core.Models;

/// <summary>
/// The models the tool carries itself, by their <c>source:</c> value: <c>builtin:tiny</c> (random
/// weights generated from configurable sizes, for mechanics and speed) and <c>builtin:coder</c>
/// (trained weights that solve most smoke problems and babble, for accuracy and waste).
/// </summary>
public static class BuiltinModels
{
    /// <summary>The random-weight model; sizes from the <c>tiny:</c> section.</summary>
    public const string Tiny = "builtin:tiny";

    /// <summary>The trained fixture (<see cref="Coder.CoderModel"/>); fixed shape, no <c>tiny:</c> section.</summary>
    public const string Coder = EnergyGate.Core.Models.Coder.CoderModel.Source;

    /// <summary>Every built-in source, as errors list them.</summary>
    public static IReadOnlyList<string> Sources { get; } = [Tiny, Coder];

    /// <summary>True for a <c>builtin:</c> source, known or not (an unknown one is a configuration error, never a path).</summary>
    public static bool IsBuiltinPrefix(string source) => source.StartsWith("builtin:", StringComparison.Ordinal);

    /// <summary>True for a source this tool can materialise.</summary>
    public static bool IsKnown(string source) => Sources.Contains(source, StringComparer.Ordinal);

    /// <summary>The name a <c>--model builtin:X</c> argument gets in reports: X.</summary>
    public static string DefaultName(string source) => source["builtin:".Length..];
}

namespace EnergyGate.Core.Suites;

/// <summary>The suite names accepted in configuration and on the command line.</summary>
public static class SuiteNames
{
    /// <summary>OpenAI HumanEval, read from the dataset cache or a data folder.</summary>
    public const string HumanEval = "humaneval";

    /// <summary>The built-in smoke suite; needs no download.</summary>
    public const string Smoke = "smoke";

    /// <summary>Every suite name, in the order help text lists them.</summary>
    public static IReadOnlyList<string> All { get; } = [HumanEval, Smoke];
}

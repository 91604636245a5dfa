namespace EnergyGate.Core.Configuration;

/// <summary>The suites this version of EnergyGate can run, as written in <c>energygate.yml</c>.</summary>
public static class SuiteNames
{
    /// <summary>OpenAI HumanEval: 164 Python problems scored with pass@k.</summary>
    public const string HumanEval = "humaneval";

    /// <summary>A handful of tiny problems built into the assembly, for a fast end-to-end check.</summary>
    public const string Smoke = "smoke";

    /// <summary>Every valid name, in the order error messages list them.</summary>
    public static IReadOnlyList<string> All { get; } = [HumanEval, Smoke];
}

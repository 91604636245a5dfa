using EnergyGate.Core.Suites.HumanEval;

namespace EnergyGate.Core.Suites.Smoke;

/// <summary>
/// Twelve small Python problems written for EnergyGate in the HumanEval format. They ship inside the
/// assembly, so a pipeline can be checked end to end without downloading anything.
/// </summary>
public static class SmokeSuite
{
    /// <summary>Name of the embedded resource holding the problems.</summary>
    public const string ResourceName = "EnergyGate.Suites.smoke.jsonl";

    /// <summary>Loads the built-in problems (<c>Smoke/0</c> to <c>Smoke/11</c>).</summary>
    public static IReadOnlyList<CodeProblem> Load()
    {
        using var stream = typeof(SmokeSuite).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"embedded resource {ResourceName} is missing from the build");
        return HumanEvalLoader.Load(stream, ResourceName);
    }
}

using EnergyGate.Core.Datasets;
using EnergyGate.Core.Suites.Smoke;

namespace EnergyGate.Core.Suites.Definitions;

/// <summary>The built-in code-generation smoke suite: embedded problems, nothing to download.</summary>
public sealed class SmokeSuiteDefinition() : CodeGenerationSuite(SuiteNames.Smoke, SuiteSources.BuiltIn)
{
    /// <inheritdoc/>
    public override Task<IReadOnlyList<CodeProblem>> LoadProblemsAsync(string? dataDir, DatasetCache cache, CancellationToken ct = default) =>
        Task.FromResult(SmokeSuite.Load());
}

using EnergyGate.Core.Datasets;
using EnergyGate.Core.Suites.HumanEval;

namespace EnergyGate.Core.Suites.Definitions;

/// <summary>OpenAI HumanEval: 164 problems from the verified cache or a folder.</summary>
public sealed class HumanEvalSuiteDefinition() : CodeGenerationSuite(SuiteNames.HumanEval, SuiteSources.Cache | SuiteSources.DataDir)
{
    /// <inheritdoc/>
    public override bool TakesDataDirOption => true;

    /// <inheritdoc/>
    public override async Task<IReadOnlyList<CodeProblem>> LoadProblemsAsync(string? dataDir, DatasetCache cache, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(cache);
        var path = await cache.ResolveAsync(KnownDatasets.HumanEval, dataDir, ct);
        return HumanEvalLoader.Load(path);
    }
}

using EnergyGate.Core.Configuration;
using EnergyGate.Core.Datasets;
using EnergyGate.Core.Scoring;

namespace EnergyGate.Core.Suites.Definitions;

/// <summary>A suite of HumanEval-format problems, scored by running the completion against the tests.</summary>
/// <param name="name">See <see cref="ISuiteDefinition.Name"/>.</param>
/// <param name="sources">See <see cref="ISuiteDefinition.Sources"/>.</param>
public abstract class CodeGenerationSuite(string name, SuiteSources sources) : SuiteDefinition(name, sources)
{
    /// <inheritdoc/>
    public override SuiteKind Kind => SuiteKind.Generation;

    /// <inheritdoc/>
    public override string DefaultSuppression => SuppressionNames.StopWords;

    /// <inheritdoc/>
    public override IReadOnlyList<string> Suppressions => SuppressionNames.All;

    /// <inheritdoc/>
    public override ISuiteScorer Scorer => SandboxScorer.Instance;

    /// <summary>The problems with their tests and canonical solutions (for <c>score</c>, which needs both).</summary>
    /// <param name="dataDir">A folder holding the dataset file, or null for the cache.</param>
    /// <param name="cache">The dataset cache.</param>
    /// <param name="ct">Cancels checksum verification.</param>
    public abstract Task<IReadOnlyList<CodeProblem>> LoadProblemsAsync(string? dataDir, DatasetCache cache, CancellationToken ct = default);

    /// <inheritdoc/>
    protected override async Task<IReadOnlyList<IBenchmarkTask>> LoadCoreAsync(SuiteSettings suite, SuiteLoadContext context, CancellationToken ct) =>
        await LoadProblemsAsync(suite.DataDir, context.Cache, ct);
}

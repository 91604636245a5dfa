using EnergyGate.Core.Configuration;
using EnergyGate.Core.Scoring;
using EnergyGate.Core.Suites.LongBench;

namespace EnergyGate.Core.Suites.Definitions;

/// <summary>
/// A suite of LongBench-format records: prompts built from the task's template and truncated to the
/// model's context, answers compared by code similarity, LongBench's generation budget.
/// </summary>
/// <param name="name">See <see cref="ISuiteDefinition.Name"/>.</param>
/// <param name="task">The LongBench task whose template and budget the suite uses.</param>
/// <param name="sources">See <see cref="ISuiteDefinition.Sources"/>.</param>
public abstract class UnderstandingSuite(string name, LongBenchTask task, SuiteSources sources) : SuiteDefinition(name, sources)
{
    // Syntax and test-oracle suppression check code against tests an understanding task does not have.
    private static readonly IReadOnlyList<string> Applicable = [.. SuppressionNames.All.Except(SuppressionNames.CodeOnly)];

    /// <summary>The LongBench task whose prompt template and budget the suite uses.</summary>
    public LongBenchTask Task { get; } = task;

    /// <inheritdoc/>
    public override SuiteKind Kind => SuiteKind.Understanding;

    /// <inheritdoc/>
    public override string DefaultSuppression => SuppressionNames.None;

    /// <inheritdoc/>
    public override IReadOnlyList<string> Suppressions => Applicable;

    /// <inheritdoc/>
    public override int? MaxNewTokens => Task.MaxNewTokens;

    /// <inheritdoc/>
    public override ISuiteScorer Scorer => SimilarityScorer.Instance;

    /// <summary>The records to build problems from.</summary>
    protected abstract Task<IReadOnlyList<LongBenchRecord>> RecordsAsync(SuiteSettings suite, SuiteLoadContext context, CancellationToken ct);

    /// <inheritdoc/>
    protected override async Task<IReadOnlyList<IBenchmarkTask>> LoadCoreAsync(SuiteSettings suite, SuiteLoadContext context, CancellationToken ct)
    {
        var records = await RecordsAsync(suite, context, ct);
        // LongBench's pred.py: the prompt may use the model's context minus the tokens to generate.
        var maxPrompt = Math.Max(1, context.ModelContext - Task.MaxNewTokens);
        // Limited before building: each prompt is tokenised to truncate it, which is slow for long records.
        return LongBenchSuite.ToProblems(suite.Limit is { } n ? records.Take(n) : records, Task, context.Tokenizer, maxPrompt);
    }
}

using EnergyGate.Core.Configuration;
using EnergyGate.Core.Datasets;
using EnergyGate.Core.Suites.EvalPlus;

namespace EnergyGate.Core.Suites.Definitions;

/// <summary>
/// A code-generation suite read from one dataset file: the verified cache (<c>datasets pull</c>), a
/// <c>data-dir</c> holding that file, or any file of the same format (<c>file:</c>, e.g. a team's own problems).
/// </summary>
/// <param name="name">See <see cref="ISuiteDefinition.Name"/>.</param>
/// <param name="dataset">The file <c>datasets pull</c> downloads.</param>
/// <param name="load">Reads a file of the suite's format.</param>
public class DatasetCodeSuite(string name, DatasetDescriptor dataset, Func<string, IReadOnlyList<CodeProblem>> load)
    : CodeGenerationSuite(name, SuiteSources.Cache | SuiteSources.DataDir | SuiteSources.File)
{
    /// <summary>EvalPlus HumanEval+.</summary>
    public static DatasetCodeSuite HumanEvalPlus() =>
        new(SuiteNames.HumanEvalPlus, KnownDatasets.HumanEvalPlus, path => EvalPlusLoader.Load(path, EvalPlusFormat.HumanEvalPlus));

    /// <summary>Original MBPP.</summary>
    public static DatasetCodeSuite Mbpp() => new(SuiteNames.Mbpp, KnownDatasets.Mbpp, MbppLoader.Load);

    /// <summary>EvalPlus MBPP+.</summary>
    public static DatasetCodeSuite MbppPlus() =>
        new(SuiteNames.MbppPlus, KnownDatasets.MbppPlus, path => EvalPlusLoader.Load(path, EvalPlusFormat.MbppPlus));

    /// <summary>The dataset <c>datasets pull</c> downloads for this suite.</summary>
    public DatasetDescriptor Dataset { get; } = dataset ?? throw new ArgumentNullException(nameof(dataset));

    /// <inheritdoc/>
    public override bool TakesDataDirOption => true;

    /// <summary>Reads a file of this suite's format (a <c>file:</c> entry, or <c>suite check</c>).</summary>
    /// <exception cref="EnergyGateException">Missing or malformed; the message names file, line and field.</exception>
    public IReadOnlyList<CodeProblem> LoadFile(string path) => load(path);

    /// <inheritdoc/>
    public override async Task<IReadOnlyList<CodeProblem>> LoadProblemsAsync(string? dataDir, DatasetCache cache, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(cache);
        return load(await cache.ResolveAsync(Dataset, dataDir, ct));
    }

    /// <inheritdoc/>
    protected override async Task<IReadOnlyList<IBenchmarkTask>> LoadCoreAsync(SuiteSettings suite, SuiteLoadContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(suite);
        ArgumentNullException.ThrowIfNull(context);
        // A file names this suite's data exactly; --data-dir is one folder for the whole command line (as for LongBench).
        return suite.File is { } file ? LoadFile(file) : await LoadProblemsAsync(suite.DataDir, context.Cache, ct);
    }
}

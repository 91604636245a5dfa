using EnergyGate.Core.Configuration;
using EnergyGate.Core.Scoring;

namespace EnergyGate.Core.Suites.Definitions;

/// <summary>
/// The part every suite shares: refusing a source it does not accept before reading anything, so a
/// misplaced <c>data-dir</c> or <c>file</c> is an error instead of being quietly ignored.
/// </summary>
/// <param name="name">See <see cref="ISuiteDefinition.Name"/>.</param>
/// <param name="sources">See <see cref="ISuiteDefinition.Sources"/>.</param>
public abstract class SuiteDefinition(string name, SuiteSources sources) : ISuiteDefinition
{
    /// <inheritdoc/>
    public string Name { get; } = name;

    /// <inheritdoc/>
    public abstract SuiteKind Kind { get; }

    /// <inheritdoc/>
    public SuiteSources Sources { get; } = sources;

    /// <inheritdoc/>
    public virtual bool TakesDataDirOption => false;

    /// <inheritdoc/>
    public abstract string DefaultSuppression { get; }

    /// <inheritdoc/>
    public abstract IReadOnlyList<string> Suppressions { get; }

    /// <inheritdoc/>
    public virtual int? MaxNewTokens => null;

    /// <inheritdoc/>
    public abstract ISuiteScorer Scorer { get; }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<IBenchmarkTask>> LoadAsync(SuiteSettings suite, SuiteLoadContext context, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(suite);
        ArgumentNullException.ThrowIfNull(context);
        EnsureAccepted(suite.DataDir, SuiteSources.DataDir, "data-dir");
        EnsureAccepted(suite.File, SuiteSources.File, "file");
        var tasks = await LoadCoreAsync(suite, context, ct);
        return suite.Limit is { } limit ? [.. tasks.Take(limit)] : tasks;
    }

    /// <summary>Loads the tasks once the sources are known to be accepted.</summary>
    protected abstract Task<IReadOnlyList<IBenchmarkTask>> LoadCoreAsync(SuiteSettings suite, SuiteLoadContext context, CancellationToken ct);

    /// <summary>The sources in words, for error messages.</summary>
    public static string Describe(SuiteSources sources) => sources == SuiteSources.None
        ? "nothing"
        : string.Join(", ", new[]
        {
            (SuiteSources.BuiltIn, "its built-in data"),
            (SuiteSources.Cache, "the dataset cache"),
            (SuiteSources.DataDir, "a data-dir"),
            (SuiteSources.File, "a file"),
        }.Where(s => sources.HasFlag(s.Item1)).Select(s => s.Item2));

    private void EnsureAccepted(string? value, SuiteSources source, string key)
    {
        if (value is not null && !Sources.HasFlag(source))
        {
            throw new EnergyGateException($"suite `{Name}` does not read a `{key}` ({value}): it reads {Describe(Sources)}; remove `{key}`.");
        }
    }
}

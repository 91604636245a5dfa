using EnergyGate.Core.Datasets;
using EnergyGate.Core.Suites.Definitions;

namespace EnergyGate.Core.Suites;

/// <summary>Turns a code-generation suite's name into its problems, tests and solutions included (for <c>score</c>).</summary>
public static class SuiteCatalog
{
    /// <summary>Loads the problems of the named code-generation suite.</summary>
    /// <param name="name">A code-generation suite of <see cref="SuiteDefinitions"/> (case-insensitive).</param>
    /// <param name="dataDir">A folder holding the dataset file (<c>--data-dir</c>), or null to use the cache.</param>
    /// <param name="cache">The dataset cache, used when <paramref name="dataDir"/> is null.</param>
    /// <param name="cancellationToken">Cancels checksum verification.</param>
    /// <exception cref="EnergyGateException">The name is unknown, or the data is missing, unverified or malformed.</exception>
    public static Task<IReadOnlyList<CodeProblem>> LoadAsync(
        string name, string? dataDir, DatasetCache cache, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(cache);
        return SuiteDefinitions.All.OfType<CodeGenerationSuite>().FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase)) is { } suite
            ? suite.LoadProblemsAsync(dataDir, cache, cancellationToken)
            : throw new EnergyGateException(
                $"unknown code-generation suite `{name}`; valid names: {string.Join(", ", SuiteDefinitions.NamesWhere(d => d.Kind == SuiteKind.Generation))}");
    }
}

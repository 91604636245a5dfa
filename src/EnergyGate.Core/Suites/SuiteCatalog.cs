using EnergyGate.Core.Datasets;
using EnergyGate.Core.Suites.HumanEval;
using EnergyGate.Core.Suites.Smoke;

namespace EnergyGate.Core.Suites;

/// <summary>Turns a suite name into its problems, finding downloaded data where needed.</summary>
public static class SuiteCatalog
{
    /// <summary>Loads the problems of the named suite.</summary>
    /// <param name="name">One of <see cref="SuiteNames.All"/> (case-insensitive).</param>
    /// <param name="dataDir">A folder holding the dataset file (<c>--data-dir</c>), or null to use the cache.</param>
    /// <param name="cache">The dataset cache, used when <paramref name="dataDir"/> is null.</param>
    /// <param name="cancellationToken">Cancels checksum verification.</param>
    /// <exception cref="EnergyGateException">The name is unknown, or the data is missing, unverified or malformed.</exception>
    public static async Task<IReadOnlyList<CodeProblem>> LoadAsync(
        string name, string? dataDir, DatasetCache cache, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(cache);
        switch (name.ToLowerInvariant())
        {
            case SuiteNames.Smoke:
                return SmokeSuite.Load();
            case SuiteNames.HumanEval:
                var path = await cache.ResolveAsync(KnownDatasets.HumanEval, dataDir, cancellationToken);
                return HumanEvalLoader.Load(path);
            default:
                throw new EnergyGateException(
                    $"unknown code-generation suite `{name}`; valid names: {string.Join(", ", SuiteNames.CodeGeneration)}");
        }
    }
}

using EnergyGate.Core.Configuration;
using EnergyGate.Core.Suites.Builder;
using EnergyGate.Core.Suites.LongBench;

namespace EnergyGate.Core.Suites.Definitions;

/// <summary>The built-in understanding suite: lcc records built from Python files the tool ships.</summary>
public sealed class SmokeLccSuiteDefinition() : UnderstandingSuite(SuiteNames.SmokeLcc, LongBenchTasks.Lcc, SuiteSources.BuiltIn)
{
    /// <summary>Records the suite takes from the shipped corpus.</summary>
    public const int Records = 8;

    /// <inheritdoc/>
    protected override Task<IReadOnlyList<LongBenchRecord>> RecordsAsync(SuiteSettings suite, SuiteLoadContext context, CancellationToken ct) =>
        System.Threading.Tasks.Task.FromResult<IReadOnlyList<LongBenchRecord>>(
            [.. BuiltinCorpus.BuildLcc(Records, seed: 1).Records.Select(r => r.ToLongBench())]);
}

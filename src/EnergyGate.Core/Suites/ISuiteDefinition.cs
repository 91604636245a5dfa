using EnergyGate.Core.Configuration;
using EnergyGate.Core.Scoring;

namespace EnergyGate.Core.Suites;

/// <summary>
/// Everything the tool knows about one suite, so that configuration, planning, loading, decoding and
/// scoring ask the suite instead of comparing its name. Listed in <see cref="SuiteDefinitions"/>.
/// </summary>
public interface ISuiteDefinition
{
    /// <summary>The name in energygate.yml, cell ids and baselines, e.g. <c>humaneval</c>.</summary>
    string Name { get; }

    /// <summary>Generation (run in the sandbox) or understanding (code similarity).</summary>
    SuiteKind Kind { get; }

    /// <summary>Where the data may come from; <c>data-dir</c> or <c>file</c> outside these are refused.</summary>
    SuiteSources Sources { get; }

    /// <summary>Whether the tool's <c>--data-dir</c> (one folder for the whole command line) applies to this suite.</summary>
    bool TakesDataDirOption { get; }

    /// <summary>The suppression strategy when the configuration names none (<see cref="SuppressionNames"/>).</summary>
    string DefaultSuppression { get; }

    /// <summary>The suppression strategies that apply to this suite.</summary>
    IReadOnlyList<string> Suppressions { get; }

    /// <summary>The suite's own generation budget, overriding the configured one; null keeps the configured one.</summary>
    int? MaxNewTokens { get; }

    /// <summary>Scores this suite's completions.</summary>
    ISuiteScorer Scorer { get; }

    /// <summary>Loads the suite's tasks (limited where the configuration says so).</summary>
    /// <exception cref="EnergyGateException">A source the suite does not accept, or missing or malformed data.</exception>
    Task<IReadOnlyList<IBenchmarkTask>> LoadAsync(SuiteSettings suite, SuiteLoadContext context, CancellationToken ct = default);
}

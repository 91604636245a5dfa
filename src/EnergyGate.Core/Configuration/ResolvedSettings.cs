using EnergyGate.Core.Gating;
using EnergyGate.Core.Generation;
using EnergyGate.Core.Scoring;

namespace EnergyGate.Core.Configuration;

/// <summary>
/// The final value of every setting after layering command line &gt; environment &gt; file &gt;
/// default. Everything downstream reads this and nothing else.
/// </summary>
/// <param name="Python">Interpreter path or command name; null means "find <c>python3</c> on PATH".</param>
/// <param name="CacheDir">Where datasets and models are cached.</param>
/// <param name="ResultsDir">Where results and reports are written.</param>
/// <param name="Suites">The suites to run, never empty.</param>
/// <param name="Sandbox">Limits for running generated programs.</param>
public sealed record ResolvedSettings(
    string? Python,
    string CacheDir,
    string ResultsDir,
    IReadOnlyList<SuiteSettings> Suites,
    SandboxOptions Sandbox)
{
    /// <summary>Models under test (default: the built-in tiny model).</summary>
    public IReadOnlyList<ModelSettings> Models { get; init; } = [ModelSettings.BuiltinTiny];

    /// <summary>Runtimes and providers (default: ONNX Runtime on the CPU).</summary>
    public IReadOnlyList<RuntimeSettings> Runtimes { get; init; } = [RuntimeSettings.OnnxCpu];

    /// <summary>Meter, repetitions and protocol.</summary>
    public MeasurementSettings Measurement { get; init; } = MeasurementSettings.Default;

    /// <summary>The gate's policy (thresholds, metrics, fail-on, acknowledgements).</summary>
    public GatePolicy Gate { get; init; } = GatePolicy.Default;

    /// <summary>The committed baselines folder (default: <c>baselines</c> next to the config file).</summary>
    public string BaselinesDir { get; init; } = "baselines";

    /// <summary>Machine class used in baseline file names; null derives it from the fingerprint.</summary>
    public string? MachineClass { get; init; }

    /// <summary>The batches every cell runs at (<c>decoding.batch-size</c> or <c>batch-sizes</c>): one sequence at a time by default.</summary>
    public IReadOnlyList<Generation.Batching.BatchOptions> Batches { get; init; } = [Core.Measurement.RunCell.Unbatched];

    /// <summary>
    /// Prompt lengths (tokens) of a prefill-amplification sweep: every code-generation prompt is padded
    /// with real code context to each length; empty for a normal run.
    /// </summary>
    public IReadOnlyList<int> PromptLengths { get; init; } = [];

    /// <summary>Run every code-generation suite with each babbling suppression strategy (the study).</summary>
    public bool SuppressionStudy { get; init; }

    /// <summary>How reports convert joules into kWh, CO2e and money (the <c>report:</c> section).</summary>
    public Reporting.FootprintSettings Footprint { get; init; } = Reporting.FootprintSettings.Default;

    /// <summary>Decoding settings for every cell.</summary>
    public GenerationSettings Decoding { get; init; } = RunSettingsResolver.Decoding(null, null);
}

namespace EnergyGate.Core.Configuration;

/// <summary>
/// <c>energygate.yml</c> as written, validated but without defaults: null means "not set in the
/// file", so <see cref="SettingsResolver"/> can tell a file value from a default when it layers the
/// command line and the environment on top.
/// </summary>
/// <remarks>
/// Relative paths are already anchored to <see cref="BaseDirectory"/>. Paths starting with <c>~</c>
/// are kept as written because the home directory is an input of the resolver, not of the loader.
/// </remarks>
public sealed record EnergyGateConfig
{
    /// <summary>The file as the user named it; error messages use this spelling.</summary>
    public required string File { get; init; }

    /// <summary>Absolute folder the file's relative paths are resolved against (the file's folder).</summary>
    public required string BaseDirectory { get; init; }

    /// <summary>
    /// Interpreter used for scoring: an absolute path, a <c>~</c> path, or a bare command name such
    /// as <c>python3.12</c>, which is looked up on PATH and therefore not anchored to the file.
    /// </summary>
    public string? Python { get; init; }

    /// <summary>Where datasets and models are cached.</summary>
    public string? CacheDir { get; init; }

    /// <summary>Where results JSONL files and reports are written.</summary>
    public string? ResultsDir { get; init; }

    /// <summary>The suites to run; never empty when set.</summary>
    public IReadOnlyList<SuiteConfig>? Suites { get; init; }

    /// <summary>Limits for the Python scoring sandbox.</summary>
    public SandboxConfig? Sandbox { get; init; }

    /// <summary>Models under test, or null for the built-in tiny model.</summary>
    public IReadOnlyList<ModelConfig>? Models { get; init; }

    /// <summary>Runtimes and providers, or null for ONNX Runtime on the CPU.</summary>
    public IReadOnlyList<RuntimeConfig>? Runtimes { get; init; }

    /// <summary>The <c>measurement:</c> section, or null.</summary>
    public MeasurementConfig? Measurement { get; init; }

    /// <summary>The <c>decoding:</c> section, or null.</summary>
    public DecodingConfig? Decoding { get; init; }

    /// <summary>The committed baselines folder (<c>baselines:</c>), anchored like every path.</summary>
    public string? BaselinesDir { get; init; }

    /// <summary>The machine class label (<c>machine-class:</c>); null derives it from the fingerprint.</summary>
    public string? MachineClass { get; init; }

    /// <summary>
    /// The <c>gate:</c> section as a complete policy (keys left out hold <see cref="Gating.GatePolicy.Default"/>'s
    /// values), or null without the section. <c>fail-on</c> may still be overridden by the resolver.
    /// </summary>
    public Gating.GatePolicy? Gate { get; init; }

    /// <summary>The <c>report:</c> section (footprint conversions), or null.</summary>
    public ReportConfig? Report { get; init; }
}

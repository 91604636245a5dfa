namespace EnergyGate.Core.Configuration;

/// <summary>
/// The keys the loader accepts at each level. Tests compare these tables with
/// <c>docs/energygate.schema.json</c>, so adding a key without documenting it fails the build.
/// </summary>
internal static class ConfigKeys
{
    public const string Version = "version";
    public const string Python = "python";
    public const string CacheDir = "cache-dir";
    public const string ResultsDir = "results-dir";
    public const string Suites = "suites";
    public const string Sandbox = "sandbox";

    public const string Name = "name";
    public const string DataDir = "data-dir";
    public const string K = "k";
    public const string SamplesPerTask = "samples-per-task";

    public const string Timeout = "timeout";
    public const string MemoryMib = "memory-mib";
    public const string CpuSeconds = "cpu-seconds";
    public const string FileSizeMib = "file-size-mib";
    public const string MaxProcesses = "max-processes";
    public const string Isolation = "isolation";
    public const string Workers = "workers";
    public const string OracleFactor = "oracle-factor";
    public const string OracleMinSeconds = "oracle-min-seconds";

    public const string Models = "models";
    public const string Runtimes = "runtimes";
    public const string Measurement = "measurement";
    public const string Decoding = "decoding";
    public const string Limit = "limit";
    public const string File = "file";
    public const string Suppression = "suppression";
    public const string PromptFormat = "prompt-format";
    public const string Kind = "kind";

    public const string Source = "source";
    public const string Tiny = "tiny";
    public const string Files = "files";
    public const string TokenEnv = "token-env";
    public const string Layers = "layers";
    public const string Hidden = "hidden";
    public const string Heads = "heads";
    public const string Vocab = "vocab";
    public const string Context = "context";
    public const string Seed = "seed";
    public const string Architecture = "architecture";
    public const string KvHeads = "kv-heads";
    public const string Intermediate = "intermediate";
    public const string RopeTheta = "rope-theta";
    public const string RmsNormEps = "rms-norm-eps";

    public const string RuntimeName = "runtime";
    public const string Provider = "provider";
    public const string DeviceId = "device-id";
    public const string Threads = "threads";
    public const string AllowCpuFallback = "allow-cpu-fallback";
    public const string DType = "dtype";

    public const string Meter = "meter";
    public const string Repetitions = "repetitions";
    public const string Warmup = "warmup";
    public const string CooldownSeconds = "cooldown-seconds";
    public const string IdleSeconds = "idle-seconds";
    public const string SampleIntervalMs = "sample-interval-ms";
    public const string CpuTdpWatts = "cpu-tdp-watts";
    public const string CpuCoreWatts = "cpu-core-watts";
    public const string MemoryWatts = "memory-watts";
    public const string EstimateModel = "estimate-model";
    public const string Gpus = "gpus";

    public const string MaxNewTokens = "max-new-tokens";
    public const string Temperature = "temperature";
    public const string TopK = "top-k";
    public const string TopP = "top-p";
    public const string Stop = "stop";
    public const string BatchSize = "batch-size";
    public const string BatchSizes = "batch-sizes";
    public const string Continuous = "continuous";

    public const string Baselines = "baselines";
    public const string MachineClass = "machine-class";
    public const string Gate = "gate";
    public const string Report = "report";

    public const string CarbonIntensity = "carbon-intensity";
    public const string PricePerKwh = "price-per-kwh";
    public const string Currency = "currency";
    public const string Pue = "pue";

    public const string Metrics = "metrics";
    public const string Warn = "warn";
    public const string Fail = "fail";
    public const string Floor = "floor";
    public const string Alpha = "alpha";
    public const string Accuracy = "accuracy";
    public const string FailOn = "fail-on";
    public const string Incomparable = "incomparable";
    public const string Comparability = "comparability";
    public const string MetricOverrides = "metric-overrides";
    public const string CellOverrides = "cell-overrides";
    public const string Acknowledgements = "acknowledgements";
    public const string WorkTolerance = "work-tolerance";
    public const string RunDrift = "run-drift";
    public const string BaselineRuns = "baseline-runs";
    public const string Noise = "noise";

    /// <summary>gate: absolute limits per cell pattern (<c>cell</c> plus metric ids), held with or without a baseline.</summary>
    public const string Budgets = "budgets";
    public const string DriftOfWarn = "drift-of-warn";

    /// <summary>gate.noise: how many times the machine's movement a worsening must clear to stand on a noisy machine.</summary>
    public const string ExplainFactor = "explain-factor";
    public const string SpreadOfWarn = "spread-of-warn";
    public const string MaxSteal = "max-steal";

    public const string Enabled = "enabled";
    public const string TolerancePoints = "tolerance-points";

    public const string CpuModel = "cpu-model";
    public const string GpuModel = "gpu-model";
    public const string MeterKind = "meter-kind";
    public const string CpuFamily = "cpu-family";
    public const string CpuIsa = "cpu-isa";
    public const string CpuCores = "cpu-cores";
    public const string StrictSettings = "strict-settings";

    public const string Cell = "cell";
    public const string Metric = "metric";
    public const string Reason = "reason";
    public const string Expires = "expires";

    public static IReadOnlyList<string> Root { get; } =
        [Version, Python, CacheDir, ResultsDir, Suites, Sandbox, Models, Runtimes, Measurement, Decoding, Baselines, MachineClass, Gate, Report];

    public static IReadOnlyList<string> Suite { get; } = [Name, Kind, DataDir, File, K, SamplesPerTask, Limit, Suppression, PromptFormat];

    public static IReadOnlyList<string> Model { get; } = [Name, Source, Tiny, Files, TokenEnv, PromptFormat];

    public static IReadOnlyList<string> TinySection { get; } =
        [Layers, Hidden, Heads, Vocab, Context, Seed, Architecture, KvHeads, Intermediate, RopeTheta, RmsNormEps];

    public static IReadOnlyList<string> Runtime { get; } = [RuntimeName, Provider, DeviceId, Threads, AllowCpuFallback, DType, Name, .. EnergyGate.Core.Runtimes.RuntimeDefinitions.OptionKeys];

    public static IReadOnlyList<string> MeasurementSection { get; } =
        [Meter, Repetitions, Warmup, Seed, CooldownSeconds, IdleSeconds, SampleIntervalMs, CpuTdpWatts, CpuCoreWatts, MemoryWatts, EstimateModel, Gpus];

    public static IReadOnlyList<string> ReportSection { get; } = [CarbonIntensity, PricePerKwh, Currency, Pue];

    public static IReadOnlyList<string> DecodingSection { get; } = [MaxNewTokens, Temperature, TopK, TopP, Seed, Stop, BatchSize, BatchSizes, Continuous];

    public static IReadOnlyList<string> SandboxSection { get; } = [Timeout, MemoryMib, CpuSeconds, FileSizeMib, MaxProcesses, Workers, Isolation, OracleFactor, OracleMinSeconds];

    public static IReadOnlyList<string> GateSection { get; } =
        [Metrics, Warn, Fail, Floor, Alpha, Accuracy, FailOn, Incomparable, Comparability, MetricOverrides, CellOverrides, Acknowledgements, WorkTolerance, RunDrift, BaselineRuns, Noise, Budgets];

    public static IReadOnlyList<string> NoiseSection { get; } = [Enabled, DriftOfWarn, SpreadOfWarn, MaxSteal, ExplainFactor];

    public static IReadOnlyList<string> AccuracySection { get; } = [Enabled, TolerancePoints, Alpha];

    public static IReadOnlyList<string> ComparabilitySection { get; } = [MachineClass, CpuModel, GpuModel, MeterKind, StrictSettings, CpuFamily, CpuIsa, CpuCores];

    public static IReadOnlyList<string> MetricOverride { get; } = [Warn, Fail, Floor];

    public static IReadOnlyList<string> CellOverride { get; } = [Cell, Metric, Warn, Fail, Floor];

    public static IReadOnlyList<string> Acknowledgement { get; } = [Cell, Metric, Reason, Expires];

    /// <summary>A budget's keys: its cell pattern and one limit per metric id it names.</summary>
    public static IReadOnlyList<string> Budget { get; } = [Cell, .. Gating.BudgetMetrics.Ids];

    /// <summary>
    /// Top-level keys of the full product that this version cannot honour yet. They are rejected
    /// rather than ignored: a gate that silently skipped part of its policy would pass everything.
    /// None today; the earlier <c>thresholds</c>/<c>policy</c>/<c>acknowledgements</c> now live under <c>gate</c>.
    /// </summary>
    public static IReadOnlyList<string> NotYetSupported { get; } = [];

    /// <summary>The only value <c>version</c> may have.</summary>
    public const int CurrentVersion = 1;
}

using EnergyGate.Core.Generation;

namespace EnergyGate.Core.Configuration;

/// <summary>A model under test after resolution.</summary>
/// <param name="Name">Name used in reports and baseline paths.</param>
/// <param name="Source"><c>builtin:tiny</c>, <c>builtin:coder</c>, <c>hf:</c> or an absolute model folder.</param>
/// <param name="Tiny">Sizes for the built-in model (null fields: defaults).</param>
public sealed record ModelSettings(string Name, string Source, TinyModelConfig? Tiny)
{
    /// <summary>The default model: the built-in tiny decoder.</summary>
    public static ModelSettings BuiltinTiny { get; } = new("tiny", RunConfigReader.BuiltinTiny, null);

    /// <summary>The trained built-in fixture, <c>builtin:coder</c>.</summary>
    public static ModelSettings BuiltinCoder { get; } = new("coder", Models.BuiltinModels.Coder, null);

    /// <summary>True when the tool generates the model itself from random weights.</summary>
    public bool IsBuiltinTiny => Source == RunConfigReader.BuiltinTiny;

    /// <summary>True for the trained built-in model, written into the cache from weights inside the tool.</summary>
    public bool IsBuiltinCoder => Source == Models.BuiltinModels.Coder;

    /// <summary>Hub file globs (<c>files:</c>) for an <c>hf:</c> source; null: the defaults.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Files { get; init; }

    /// <summary>The variable holding the hub token (<c>token-env:</c>); null: HF_TOKEN. The name only, never the token.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? TokenEnv { get; init; }

    /// <summary><c>raw</c> or <c>chat</c> (<c>prompt-format:</c>); null: raw. A suite's own setting wins.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? PromptFormat { get; init; }
}

/// <summary>A runtime and execution provider after resolution.</summary>
/// <param name="Runtime">Runtime name, e.g. <c>onnx</c>.</param>
/// <param name="Provider">Execution provider, e.g. <c>cpu</c>.</param>
/// <param name="DeviceId">GPU index for GPU providers.</param>
/// <param name="Threads">Intra-op threads; 0 lets the runtime decide.</param>
/// <param name="AllowCpuFallback">Whether a GPU provider that cannot start may fall back to the CPU.</param>
public sealed record RuntimeSettings(string Runtime, string Provider, int DeviceId, int Threads, bool AllowCpuFallback)
{
    /// <summary>The default: ONNX Runtime on the CPU.</summary>
    public static RuntimeSettings OnnxCpu { get; } = new(Runtimes.RuntimeDefinitions.Onnx.Name, "cpu", 0, 0, false);

    /// <summary>Element type the runtime computes in (torch: <c>float32</c>, <c>float16</c>, <c>bfloat16</c>); null: the runtime's default.</summary>
    public string? DType { get; init; }

    /// <summary>
    /// The entry's <c>name:</c>, set when one run compares two configurations of one runtime and
    /// provider; null otherwise. Left out of the settings hash when null, so unnamed runs hash as before.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? Name { get; init; }

    /// <summary>
    /// The runtime's own options (<see cref="Runtimes.RuntimeDefinition.Options"/>, e.g. llama.cpp's
    /// <c>quantization</c>), sorted by key; null when the entry sets none, so entries without them hash as before.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public SortedDictionary<string, string>? Options { get; init; }

    /// <summary>The value of option <paramref name="key"/>, or null when the entry does not set it.</summary>
    public string? Option(string key) => Options is not null && Options.TryGetValue(key, out var value) ? value : null;

    /// <summary>What stands for the runtime in cell keys and baseline paths: the entry's name, else the runtime.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string Label => Name ?? Runtime;

    /// <summary><c>label-provider</c>, as used in cell names and baseline paths.</summary>
    public string Id => $"{Label}-{Provider}";
}

/// <summary>How a run measures energy and repeats cells, after resolution.</summary>
/// <param name="Meter"><c>auto</c>, <c>rapl</c>, <c>nvml</c> or <c>estimate</c>.</param>
/// <param name="Repetitions">Recorded repetitions per cell.</param>
/// <param name="Warmup">Unrecorded warm-up passes per cell.</param>
/// <param name="Seed">Seed of the shuffled repetition order.</param>
/// <param name="Cooldown">Pause between cells.</param>
/// <param name="Idle">How long idle power is measured before the run (zero: not measured).</param>
/// <param name="SampleInterval">Energy sampling period.</param>
public sealed record MeasurementSettings(
    string Meter, int Repetitions, int Warmup, int Seed, TimeSpan Cooldown, TimeSpan Idle, TimeSpan SampleInterval)
{
    /// <summary>The estimate meter's power model (configured TDP, per-core and memory watts, model).</summary>
    public Energy.Estimate.EstimateOptions Estimate { get; init; } = new() { Model = Energy.Estimate.EstimateModel.Utilisation };

    /// <summary>GPU indices NVML reads; null reads all.</summary>
    public IReadOnlyList<int>? Gpus { get; init; }

    /// <summary>Defaults: auto meter, 3 repetitions, 1 warm-up, 1 s idle, 10 ms sampling.</summary>
    public static MeasurementSettings Default { get; } =
        new("auto", 3, 1, 1, TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(10));
}

/// <summary>Resolves the run sections of the file with their defaults.</summary>
internal static class RunSettingsResolver
{
    /// <summary>Most new tokens when the file does not say: enough for a HumanEval function body.</summary>
    public const int DefaultMaxNewTokens = 128;

    public static IReadOnlyList<ModelSettings> Models(IReadOnlyList<ModelConfig>? file) =>
        file is null ? [ModelSettings.BuiltinTiny] : [.. file.Select(m => new ModelSettings(m.Name, m.Source, m.Tiny) { Files = m.Files, TokenEnv = m.TokenEnv, PromptFormat = m.PromptFormat })];

    public static IReadOnlyList<RuntimeSettings> Runtimes(IReadOnlyList<RuntimeConfig>? file) =>
        file is null
            ? [RuntimeSettings.OnnxCpu]
            : [.. file.Select(r => new RuntimeSettings(r.Runtime, r.Provider, r.DeviceId ?? 0, r.Threads ?? 0, r.AllowCpuFallback ?? false) { DType = r.DType, Name = r.Name, Options = r.Options })];

    public static MeasurementSettings Measurement(MeasurementConfig? file, string? cliMeter, int? cliRepetitions)
    {
        var d = MeasurementSettings.Default;
        return new MeasurementSettings(
            cliMeter ?? file?.Meter ?? d.Meter,
            cliRepetitions ?? file?.Repetitions ?? d.Repetitions,
            file?.Warmup ?? d.Warmup,
            file?.Seed ?? d.Seed,
            file?.CooldownSeconds is { } c ? TimeSpan.FromSeconds(c) : d.Cooldown,
            file?.IdleSeconds is { } i ? TimeSpan.FromSeconds(i) : d.Idle,
            file?.SampleIntervalMs is { } ms ? TimeSpan.FromMilliseconds(ms) : d.SampleInterval)
        {
            Estimate = new Energy.Estimate.EstimateOptions(file?.CpuCoreWatts, file?.CpuTdpWatts, null, file?.MemoryWatts)
            {
                Model = Energy.Estimate.EstimateModelNames.Parse(file?.EstimateModel ?? Energy.Estimate.EstimateModelNames.Utilisation),
            },
            Gpus = file?.Gpus,
        };
    }

    /// <summary>One batch per configured size; continuous batching unless the file turns it off (it is meaningless at size 1).</summary>
    public static IReadOnlyList<Generation.Batching.BatchOptions> Batches(DecodingConfig? file) =>
        file?.BatchSizes is { Count: > 0 } sizes
            ? [.. sizes.Select(size => size == 1 ? Core.Measurement.RunCell.Unbatched : new Generation.Batching.BatchOptions(size, file.Continuous ?? true))]
            : [Core.Measurement.RunCell.Unbatched];

    public static GenerationSettings Decoding(DecodingConfig? file, int? cliMaxNewTokens) => new()
    {
        MaxNewTokens = cliMaxNewTokens ?? file?.MaxNewTokens ?? DefaultMaxNewTokens,
        Temperature = file?.Temperature ?? 0,
        TopK = file?.TopK ?? 0,
        TopP = file?.TopP ?? 1.0,
        Seed = file?.Seed ?? 0,
        // Both built-in suites are HumanEval-format code generation: the Codex stop set fits them.
        StopStrings = file?.Stop ?? GenerationSettings.HumanEvalStopStrings,
    };
}

namespace EnergyGate.Core.Configuration;

/// <summary>One model under test, as written in <c>models:</c>.</summary>
public sealed record ModelConfig
{
    /// <summary>The name reports and baselines use; unique in the file.</summary>
    public required string Name { get; init; }

    /// <summary><c>builtin:tiny</c> or a model folder (absolute after loading).</summary>
    public required string Source { get; init; }

    /// <summary>Sizes of the built-in tiny model; only with <c>source: builtin:tiny</c>.</summary>
    public TinyModelConfig? Tiny { get; init; }

    /// <summary>Glob patterns of the hub files to download; only with an <c>hf:</c> source (null: the defaults).</summary>
    public IReadOnlyList<string>? Files { get; init; }

    /// <summary>The variable holding the hub token; only with an <c>hf:</c> source (null: HF_TOKEN).</summary>
    public string? TokenEnv { get; init; }

    /// <summary><c>raw</c> or <c>chat</c> for this model's code-generation suites; null: raw (a suite's own setting wins).</summary>
    public string? PromptFormat { get; init; }
}

/// <summary>Sizes of the built-in random-weight model (null: the default).</summary>
public sealed record TinyModelConfig
{
    /// <summary>Decoder blocks.</summary>
    public int? Layers { get; init; }

    /// <summary>Hidden size (a multiple of <see cref="Heads"/>).</summary>
    public int? Hidden { get; init; }

    /// <summary>Attention heads.</summary>
    public int? Heads { get; init; }

    /// <summary>Vocabulary size.</summary>
    public int? Vocab { get; init; }

    /// <summary>Longest sequence.</summary>
    public int? Context { get; init; }

    /// <summary>Seed of the weights.</summary>
    public int? Seed { get; init; }

    /// <summary><c>gpt2</c> (default) or <c>llama</c>.</summary>
    public string? Architecture { get; init; }

    /// <summary>Llama: key/value heads, a divisor of <see cref="Heads"/>.</summary>
    public int? KvHeads { get; init; }

    /// <summary>Llama: SwiGLU MLP width.</summary>
    public int? Intermediate { get; init; }

    /// <summary>Llama: rotary embedding base.</summary>
    public double? RopeTheta { get; init; }

    /// <summary>Llama: RMSNorm epsilon.</summary>
    public double? RmsNormEps { get; init; }
}

/// <summary>One inference runtime and execution provider, as written in <c>runtimes:</c>.</summary>
public sealed record RuntimeConfig
{
    /// <summary>Runtime name, one of <see cref="Runtimes.RuntimeDefinitions.Names"/>.</summary>
    public required string Runtime { get; init; }

    /// <summary>Execution provider, one of the runtime's <see cref="Runtimes.RuntimeDefinition.Providers"/>.</summary>
    public required string Provider { get; init; }

    /// <summary>GPU index for GPU providers.</summary>
    public int? DeviceId { get; init; }

    /// <summary>Intra-op threads (0 or absent: the runtime's default).</summary>
    public int? Threads { get; init; }

    /// <summary>Whether a GPU provider that cannot start may fall back to the CPU.</summary>
    public bool? AllowCpuFallback { get; init; }

    /// <summary>torch only: <c>float32</c>, <c>float16</c> or <c>bfloat16</c>.</summary>
    public string? DType { get; init; }

    /// <summary>The runtime's own options by key (e.g. llama.cpp's <c>quantization</c>); null when none is set.</summary>
    public SortedDictionary<string, string>? Options { get; init; }

    /// <summary>Name that stands for the runtime in cell ids and baseline paths (two entries of one runtime and provider); null: the runtime's.</summary>
    public string? Name { get; init; }
}

/// <summary>How energy is measured and how often each cell runs, as written in <c>measurement:</c>.</summary>
public sealed record MeasurementConfig
{
    /// <summary><c>auto</c>, <c>rapl</c>, <c>nvml</c> or <c>estimate</c>.</summary>
    public string? Meter { get; init; }

    /// <summary>Recorded repetitions per cell.</summary>
    public int? Repetitions { get; init; }

    /// <summary>Unrecorded warm-up passes per cell.</summary>
    public int? Warmup { get; init; }

    /// <summary>Seed of the repetition order.</summary>
    public int? Seed { get; init; }

    /// <summary>Pause between cells.</summary>
    public double? CooldownSeconds { get; init; }

    /// <summary>Idle power measured before the run.</summary>
    public double? IdleSeconds { get; init; }

    /// <summary>Energy sampling period.</summary>
    public int? SampleIntervalMs { get; init; }

    /// <summary>CPU package TDP for the estimate meter (shared by the logical CPUs).</summary>
    public double? CpuTdpWatts { get; init; }

    /// <summary>Watts per busy logical CPU for the estimate meter; wins over the TDP.</summary>
    public double? CpuCoreWatts { get; init; }

    /// <summary>Memory power for the estimate meter; absent leaves memory out.</summary>
    public double? MemoryWatts { get; init; }

    /// <summary><c>utilisation</c> or <c>per-core</c>: how the estimate meter turns CPU time into joules.</summary>
    public string? EstimateModel { get; init; }

    /// <summary>GPU indices NVML reads; absent reads all.</summary>
    public IReadOnlyList<int>? Gpus { get; init; }
}

/// <summary>Decoding settings shared by every cell, as written in <c>decoding:</c>.</summary>
public sealed record DecodingConfig
{
    /// <summary>Most tokens generated per problem.</summary>
    public int? MaxNewTokens { get; init; }

    /// <summary>0 for greedy decoding.</summary>
    public double? Temperature { get; init; }

    /// <summary>Top-k filter (0: off).</summary>
    public int? TopK { get; init; }

    /// <summary>Nucleus filter (1: off).</summary>
    public double? TopP { get; init; }

    /// <summary>Sampling seed.</summary>
    public int? Seed { get; init; }

    /// <summary>Stop strings; absent means the suite's default.</summary>
    public IReadOnlyList<string>? Stop { get; init; }

    /// <summary>Batch sizes each cell runs at (<c>batch-size</c> gives one, <c>batch-sizes</c> a sweep); absent: 1.</summary>
    public IReadOnlyList<int>? BatchSizes { get; init; }

    /// <summary>Continuous batching (a waiting problem joins as soon as a slot frees); absent: true.</summary>
    public bool? Continuous { get; init; }
}

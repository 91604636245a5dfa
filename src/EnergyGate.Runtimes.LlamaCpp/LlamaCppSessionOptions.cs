using System.Globalization;
using EnergyGate.Core.Configuration;
using LLama.Native;

namespace EnergyGate.Runtimes.LlamaCpp;

/// <summary>How a llama.cpp session runs, from a <c>runtimes:</c> entry.</summary>
public sealed record LlamaCppSessionOptions
{
    /// <summary>Prompt tokens per llama_decode call when the entry does not say (llama.cpp's own default).</summary>
    public const int DefaultBatchSize = 512;

    /// <summary>Execution provider; this build runs <c>cpu</c>.</summary>
    public string Provider { get; init; } = LlamaCppRuntime.Cpu;

    /// <summary>Threads for prefill and decode; 0: one per logical CPU.</summary>
    public int Threads { get; init; }

    /// <summary>Prompt tokens per llama_decode call (n_batch = n_ubatch); 0: <see cref="DefaultBatchSize"/>.</summary>
    public int BatchSize { get; init; }

    /// <summary>Context size (n_ctx); 0: the model's training context.</summary>
    public int ContextSize { get; init; }

    /// <summary>Element type of the KV cache.</summary>
    public GGMLType KvCacheType { get; init; } = GGMLType.GGML_TYPE_F16;

    /// <summary>llama.cpp's flash attention: null for its automatic choice, else on or off.</summary>
    public bool? FlashAttention { get; init; }

    /// <summary>Whether the weights stay memory-mapped from the file (llama.cpp's default) instead of being read into memory.</summary>
    public bool MemoryMap { get; init; }

    /// <summary>The options of a configured entry.</summary>
    public static LlamaCppSessionOptions From(RuntimeSettings runtime)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        return new()
        {
            Provider = runtime.Provider,
            Threads = runtime.Threads,
            BatchSize = Int(runtime.Option(LlamaCppRuntime.BatchSizeOption)),
            ContextSize = Int(runtime.Option(LlamaCppRuntime.ContextOption)),
            KvCacheType = GgmlTypes.Parse(runtime.Option(LlamaCppRuntime.KvCacheTypeOption) ?? "f16"),
            FlashAttention = runtime.Option(LlamaCppRuntime.FlashAttentionOption) switch { "on" => true, "off" => false, _ => null },
            MemoryMap = runtime.Option(LlamaCppRuntime.MemoryMapOption) == "on",
        };
    }

    private static int Int(string? value) => value is null ? 0 : int.Parse(value, CultureInfo.InvariantCulture);
}

/// <summary>The configuration's type words and llama.cpp's enums.</summary>
internal static class GgmlTypes
{
    public static GGMLType Parse(string name) => name switch
    {
        "f32" => GGMLType.GGML_TYPE_F32,
        "f16" => GGMLType.GGML_TYPE_F16,
        "q8_0" => GGMLType.GGML_TYPE_Q8_0,
        "q4_0" => GGMLType.GGML_TYPE_Q4_0,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "expected f32, f16, q8_0 or q4_0"),
    };

    public static LLamaFtype FileType(string quantization) => quantization switch
    {
        "f32" => LLamaFtype.ALL_F32,
        "f16" => LLamaFtype.MOSTLY_F16,
        "q8_0" => LLamaFtype.MOSTLY_Q8_0,
        "q4_0" => LLamaFtype.MOSTLY_Q4_0,
        _ => throw new ArgumentOutOfRangeException(nameof(quantization), quantization, "expected f32, f16, q8_0 or q4_0"),
    };
}

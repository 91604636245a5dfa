using System.Reflection;
using EnergyGate.Core;
using EnergyGate.Core.Configuration;
using EnergyGate.Core.Generation;
using EnergyGate.Core.Models.Gguf;
using EnergyGate.Core.Runtimes;
using EnergyGate.Core.Work;

namespace EnergyGate.Runtimes.LlamaCpp;

/// <summary>llama.cpp through LLamaSharp: GGUF models, F32/F16 or quantized, on the CPU.</summary>
public sealed class LlamaCppRuntime : IRuntimeDescriptor
{
    /// <summary>The configuration name of this runtime.</summary>
    public const string Name = "llamacpp";

    /// <summary>The provider this build runs.</summary>
    public const string Cpu = "cpu";

    /// <summary>Option keys (see <see cref="RuntimeDefinitions.LlamaCpp"/>).</summary>
    public const string QuantizationOption = "quantization";

    /// <summary>Prompt tokens per llama_decode call.</summary>
    public const string BatchSizeOption = "batch-size";

    /// <summary>Context size.</summary>
    public const string ContextOption = "context";

    /// <summary>KV cache element type.</summary>
    public const string KvCacheTypeOption = "kv-cache-type";

    /// <summary>Weights memory-mapped (on) or read into memory (off).</summary>
    public const string MemoryMapOption = "mmap";

    /// <summary>Flash attention on, off or auto.</summary>
    public const string FlashAttentionOption = "flash-attention";

    /// <inheritdoc />
    public RuntimeDefinition Definition => RuntimeDefinitions.LlamaCpp;

    /// <inheritdoc />
    public string Runtime => Name;

    /// <summary>LLamaSharp's package version (it pins one llama.cpp build), recorded by the build.</summary>
    public static string LibraryVersion { get; } = typeof(LlamaCppRuntime).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .FirstOrDefault(a => a.Key == "LLamaSharpVersion")?.Value is { Length: > 0 } version ? version : "unknown";

    /// <inheritdoc />
    public string Version => $"LLamaSharp {LibraryVersion}";

    /// <summary>Why a provider this build lacks is absent, and the package that would bring it.</summary>
    public static string MissingBackend(string provider) => provider switch
    {
        "cuda" => "llama.cpp on CUDA needs LLamaSharp.Backend.Cuda12 (build the tool from source with it referenced).",
        "vulkan" => "llama.cpp on Vulkan needs LLamaSharp.Backend.Vulkan (build the tool from source with it referenced).",
        _ => $"provider `{provider}` is not a llama.cpp provider.",
    };

    /// <inheritdoc />
    public IDecoderSession Open(string modelDirectory, RuntimeSettings runtime) =>
        LlamaCppDecoderSession.Open(modelDirectory, LlamaCppSessionOptions.From(runtime));

    /// <inheritdoc />
    public Core.Generation.Batching.IBatchDecoderSession OpenBatch(string modelDirectory, RuntimeSettings runtime, int maxBatchSize) =>
        LlamaCppBatchDecoderSession.Open(modelDirectory, LlamaCppSessionOptions.From(runtime), maxBatchSize);

    /// <inheritdoc />
    public string PrepareModel(ResolvedModel model, RuntimeSettings runtime)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(runtime);
        var quantization = runtime.Option(QuantizationOption);
        if (model.Tiny is { } spec)
        {
            return GgufVariants.ForTiny(model.Path, spec, quantization ?? "f32");
        }
        if (model.Settings.IsBuiltinCoder)
        {
            return GgufVariants.ForCoder(model.Path, quantization ?? "f32");
        }
        var file = model.IsFile ? model.Path : SingleGgufIn(model);
        return quantization is null || quantization == FileQuantization(file) ? file : GgufVariants.ForFile(file, model.CacheDir, quantization);
    }

    /// <summary>
    /// Writes the built-in model <paramref name="spec"/> as <c>model-&lt;quantization&gt;.gguf</c> in
    /// <paramref name="folder"/> (quantized ones from <c>model-f32.gguf</c>, which stays beside them); returns its path.
    /// </summary>
    public static string WriteTinyGguf(string folder, Core.Models.Tiny.TinyModelSpec spec, string quantization)
    {
        ArgumentNullException.ThrowIfNull(spec);
        spec.Validate();
        Directory.CreateDirectory(folder);
        return GgufVariants.ForTiny(folder, spec, quantization);
    }

    /// <inheritdoc />
    public ModelFacts? ReadModelFile(string path)
    {
        var header = GgufReader.ReadHeader(path);
        return new ModelFacts(new LlamaCppTokenizer(path), checked((int)header.ContextLength), Core.Measurement.RunFingerprint.FileHash(path));
    }

    /// <inheritdoc />
    /// <remarks>
    /// Read from the GGUF file the entry runs, so the weight bytes are the quantized blocks' own; a
    /// quantized KV cache counts its blocks too (Q8_0: 34 bytes per 32 elements, Q4_0: 18 per 32).
    /// </remarks>
    public WorkShape? ReadWorkShape(ResolvedModel model, string preparedPath, RuntimeSettings runtime)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        var kvBytes = (runtime.Option(KvCacheTypeOption) ?? "f16") switch { "f32" => 4.0, "f16" => 2.0, "q8_0" => 34 / 32.0, _ => 18 / 32.0 };
        try
        {
            return GgufShape.Read(GgufReader.ReadHeader(preparedPath), kvBytes);
        }
        catch (EnergyGateException)
        {
            // An unreadable header means no work metrics; opening the session reports the broken file.
            return null;
        }
    }

    /// <inheritdoc />
    public RuntimeProbe Probe()
    {
        var loadError = LlamaCppNatives.TryLoad();
        var cpu = loadError is null
            ? new ProviderState(Cpu, true, "")
            : new ProviderState(Cpu, false, $"native libraries do not load: {loadError}");
        return new RuntimeProbe(Version, [cpu, new("cuda", false, MissingBackend("cuda")), new("vulkan", false, MissingBackend("vulkan"))], loadError)
        {
            Notes = loadError is null ? [$"llama.cpp system info: {LlamaCppNatives.SystemInfo()}"] : [],
        };
    }

    private static string? FileQuantization(string path) => GgufReader.ReadHeader(path).FileType switch
    {
        GgufFileType.AllF32 => "f32",
        GgufFileType.MostlyF16 => "f16",
        GgufFileType.MostlyQ8_0 => "q8_0",
        GgufFileType.MostlyQ4_0 => "q4_0",
        _ => null,
    };

    private static string SingleGgufIn(ResolvedModel model)
    {
        var files = Directory.EnumerateFiles(model.Path, "*.gguf").Order(StringComparer.Ordinal).ToList();
        return files.Count == 1 ? files[0] : throw new EnergyGateException(files.Count == 0
            ? $"EG2002: model `{model.Settings.Name}`: folder '{model.Path}' has no .gguf file, and llama.cpp runs GGUF files; convert the model " +
              "with llama.cpp's convert_hf_to_gguf.py (see 'llama.cpp and quantization' in docs/configuration.md) and set `source` to the .gguf file."
            : $"EG2002: model `{model.Settings.Name}`: folder '{model.Path}' has {files.Count} .gguf files ({string.Join(", ", files.Select(Path.GetFileName))}); set `source` to the one to run.");
    }
}

namespace EnergyGate.Core.Runtimes;

/// <summary>
/// The runtimes energygate.yml can name: the one list the configuration, the schema test and doctor
/// read. Adding a runtime: a definition here, its package's <see cref="IRuntimeDescriptor"/>, one
/// line in the tool's registry, and its contract tests.
/// </summary>
public static class RuntimeDefinitions
{
    /// <summary>Every execution provider name any runtime accepts.</summary>
    public static IReadOnlyList<string> AllProviders { get; } = ["cpu", "cuda", "tensorrt", "vulkan", Remote];

    /// <summary>The provider of a served runtime: the model runs in another process, reached over HTTP.</summary>
    public const string Remote = "remote";

    /// <summary>ONNX Runtime: CPU, CUDA and TensorRT execution providers, model.onnx in a folder.</summary>
    public static RuntimeDefinition Onnx { get; } = new("onnx", "ONNX Runtime", ["cpu", "cuda", "tensorrt"])
    {
        ProviderHint = p => p == "vulkan" ? "ONNX Runtime has no Vulkan provider; use `cpu`, `cuda` or `tensorrt`" : Served(p),
        // The batched session keeps the KV caches in host memory, where joins and leaves are plain copies.
        BatchingProviders = ["cpu"],
    };

    /// <summary>TorchSharp (libtorch): safetensors weights in a folder, computed in a chosen dtype.</summary>
    public static RuntimeDefinition Torch { get; } = new("torch", "TorchSharp", ["cpu", "cuda"])
    {
        DTypes = ["float32", "float16", "bfloat16"],
        ProviderHint = p => p == "tensorrt" ? "`tensorrt` is an ONNX Runtime provider; the torch runtime runs on `cpu` or `cuda`" : Served(p),
        BatchingProviders = ["cpu", "cuda"],
    };

    /// <summary>llama.cpp through LLamaSharp: GGUF files, F32/F16 or quantized.</summary>
    public static RuntimeDefinition LlamaCpp { get; } = new("llamacpp", "llama.cpp", ["cpu", "cuda", "vulkan"])
    {
        Sources = ModelSourceKinds.Folder | ModelSourceKinds.GgufFile,
        Options =
        [
            new("quantization", "Weights' type: f32, f16, q8_0 or q4_0. The built-in model (and a F32/F16 GGUF file) is converted once into the cache; a quantized file runs as it is. Default: the file's own (f32 for builtin:tiny).", ["f32", "f16", "q8_0", "q4_0"]),
            new("batch-size", "Prompt tokens evaluated per llama_decode call during prefill (n_batch). Default: 512.", []),
            new("context", "Context size in tokens (n_ctx). Default: the model's training context.", []),
            new("kv-cache-type", "Element type of the KV cache: f32, f16, q8_0 or q4_0 (quantized types need flash attention). Default: f16.", ["f32", "f16", "q8_0", "q4_0"]),
            new("mmap", "Weights memory-mapped from the file (on) or read into memory (off). Off decodes an F32 model 23 % faster here (anonymous memory gets huge pages; the page cache does not); on saves memory for a model near the machine's RAM. Default: off.", ["on", "off"]),
            new("flash-attention", "llama.cpp's fused attention kernel: auto, on or off (off with an f32 KV cache matches ONNX Runtime's logits to about 1e-6 on Llama). Default: auto.", ["auto", "on", "off"]),
        ],
        ProviderHint = p => p == "tensorrt" ? "`tensorrt` is an ONNX Runtime provider; llama.cpp runs on `cpu`, `cuda` or `vulkan`" : Served(p),
        // llama.cpp batches sequences natively on every backend (sequence ids in one llama_decode batch);
        // the batch session uses no CPU-only path, so a provider batches wherever the build carries its backend.
        BatchingProviders = ["cpu", "cuda", "vulkan"],
    };

    /// <summary>
    /// A model served behind an OpenAI-compatible HTTP endpoint (vLLM, llama.cpp's server, TGI, ...):
    /// requests go to <c>{base-url}/v1/completions</c>; the cell's model entry supplies only the tokenizer.
    /// </summary>
    public static RuntimeDefinition OpenAi { get; } = new("openai", "OpenAI-compatible server", [Remote])
    {
        Served = true,
        Options =
        [
            new("base-url", "The server's address, with or without the trailing /v1 (e.g. http://127.0.0.1:8000 or http://127.0.0.1:8000/v1); requests go to {base}/v1/completions. Required for runtime openai.", RuntimeOptionKind.HttpUrl) { Required = true },
            new("model", "The model name the server knows (the request's `model` field). Default: the plan model's name.", RuntimeOptionKind.Text),
            new("api-key-env", "Name of the environment variable holding the API key, sent as `Authorization: Bearer`; the key itself is never written anywhere. Default: no key.", RuntimeOptionKind.EnvironmentVariable),
            new("concurrency", "Requests in flight at once. Default: 1.", []),
            new("endpoint", "Which endpoint: completions (prompt text, /v1/completions). Default: completions.", ["completions"]),
            new("timeout-seconds", "Seconds a request may take from sending to its last chunk before it fails. Default: 300.", []),
            new("server-pid", "Process id of a server on this machine: the estimate meter charges the CPU time of it and all its descendants.", []),
            new("server-process", "Name of a server process on this machine (its comm or command line), found at the start of the run; as server-pid.", RuntimeOptionKind.Text),
        ],
        ProviderHint = p => $"runtime `openai` reaches its model over HTTP; set `provider: {Remote}`, not `{p}`",
    };

    /// <summary>Every runtime, in the order doctor and docs list them.</summary>
    public static IReadOnlyList<RuntimeDefinition> All { get; } = [Onnx, Torch, LlamaCpp, OpenAi];

    /// <summary>Why an in-process runtime refuses <see cref="Remote"/>, or null for any other provider.</summary>
    private static string? Served(string provider) =>
        provider == Remote ? $"`{Remote}` is the provider of `runtime: openai`, a model behind an HTTP server; in-process runtimes run on a local device" : null;

    /// <summary>Every runtime's name.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. All.Select(r => r.Name)];

    /// <summary>Every runtime-specific option key, for the list of keys a <c>runtimes:</c> entry may hold.</summary>
    public static IReadOnlyList<string> OptionKeys { get; } = [.. All.SelectMany(r => r.Options).Select(o => o.Key).Distinct()];

    /// <summary>The runtime named <paramref name="name"/>, or null.</summary>
    public static RuntimeDefinition? Find(string name) => All.FirstOrDefault(r => r.Name == name);
}

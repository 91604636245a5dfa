using EnergyGate.Core;
using EnergyGate.Core.Generation;
using LLama.Native;

namespace EnergyGate.Runtimes.LlamaCpp;

/// <summary>
/// One GGUF model in one llama.cpp context, holding the KV cache of a single sequence (id 0).
/// Prefill evaluates the prompt in batches of <c>n_batch</c> tokens with logits for the last
/// position only; each decode step evaluates one token.
/// </summary>
public sealed class LlamaCppDecoderSession : IDecoderSession
{
    private static readonly LLamaSeqId Sequence = LLamaSeqId.Zero;

    private readonly SafeLlamaModelHandle _model;
    private readonly SafeLLamaContextHandle _context;
    private readonly LLamaBatch _batch = new();
    private readonly int _batchSize;
    private int _length;

    private LlamaCppDecoderSession(SafeLlamaModelHandle model, SafeLLamaContextHandle context, string description, int batchSize)
    {
        _model = model;
        _context = context;
        _batchSize = batchSize;
        Description = description;
        VocabularySize = model.Vocab.Count;
        MaxSequenceLength = checked((int)context.ContextSize);
    }

    /// <inheritdoc />
    public int VocabularySize { get; }

    /// <inheritdoc />
    public int MaxSequenceLength { get; }

    /// <inheritdoc />
    public string Description { get; }

    /// <summary>The weights' file type as llama.cpp reads it (e.g. <c>MOSTLY_Q8_0</c>).</summary>
    public LLamaFtype FileType => _model.FileType;

    /// <summary>Loads <paramref name="ggufPath"/> and creates its context.</summary>
    /// <exception cref="EnergyGateException">EG2002: the file does not load; EG2001: the provider is not a CPU one.</exception>
    public static LlamaCppDecoderSession Open(string ggufPath, LlamaCppSessionOptions options)
    {
        var model = LoadModel(ggufPath, options);
        try
        {
            var contextSize = options.ContextSize > 0 ? options.ContextSize : model.ContextSize;
            var batchSize = Math.Min(options.BatchSize > 0 ? options.BatchSize : LlamaCppSessionOptions.DefaultBatchSize, contextSize);
            var context = CreateContext(model, ContextParams(options, contextSize, batchSize, 1), ggufPath);
            var description = $"llamacpp/{options.Provider} {Path.GetFileNameWithoutExtension(ggufPath)}";
            return new LlamaCppDecoderSession(model, context, description, batchSize);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>Loads <paramref name="ggufPath"/> for a session under <paramref name="options"/> (its provider and memory mapping).</summary>
    /// <exception cref="EnergyGateException">EG2002: the file does not load; EG2001: the provider is not a CPU one.</exception>
    internal static SafeLlamaModelHandle LoadModel(string ggufPath, LlamaCppSessionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        LlamaCppNatives.EnsureLoaded();
        if (options.Provider != LlamaCppRuntime.Cpu)
        {
            throw new EnergyGateException(
                $"EG2001: llama.cpp provider `{options.Provider}` is not in this build: it carries LLamaSharp.Backend.Cpu only; " +
                $"{LlamaCppRuntime.MissingBackend(options.Provider)}");
        }
        if (!File.Exists(ggufPath))
        {
            throw new EnergyGateException($"EG2002: GGUF file '{ggufPath}' does not exist.");
        }

        var modelParams = LLamaModelParams.Default();
        modelParams.n_gpu_layers = 0;
        // Read into anonymous memory unless asked: decode streams every weight per token, and the page
        // cache's 4 KB pages made F32 decode 0.85x of the same weights read into memory (benchmarks/README.md).
        modelParams.load_mode = options.MemoryMap ? LLamaLoadMode.MemoryMap : LLamaLoadMode.None;
        return LoadModel(ggufPath, modelParams);
    }

    /// <summary>
    /// Context parameters for <paramref name="sequences"/> sequences in <paramref name="contextSize"/> cells
    /// in all, evaluating up to <paramref name="batchSize"/> tokens per llama_decode call.
    /// </summary>
    /// <exception cref="EnergyGateException">EG2001: a quantized KV cache without flash attention.</exception>
    internal static LLamaContextParams ContextParams(LlamaCppSessionOptions options, int contextSize, int batchSize, int sequences)
    {
        var threads = options.Threads > 0 ? options.Threads : Environment.ProcessorCount;
        var contextParams = LLamaContextParams.Default();
        contextParams.n_ctx = checked((uint)contextSize);
        contextParams.n_batch = checked((uint)batchSize);
        contextParams.n_ubatch = checked((uint)batchSize);
        contextParams.n_seq_max = checked((uint)sequences);
        contextParams.n_threads = threads;
        contextParams.n_threads_batch = threads;
        contextParams.type_k = options.KvCacheType;
        contextParams.type_v = options.KvCacheType;
        var quantizedCache = options.KvCacheType is not (GGMLType.GGML_TYPE_F16 or GGMLType.GGML_TYPE_F32);
        if (quantizedCache && options.FlashAttention == false)
        {
            throw new EnergyGateException($"EG2001: llama.cpp keeps a {options.KvCacheType} KV cache only with flash attention; set `flash-attention: on` (or auto), or `kv-cache-type: f16`.");
        }
        // llama.cpp stores a quantized V cache only with flash attention; otherwise its own choice unless the entry says.
        contextParams.llama_flash_attn_type = (quantizedCache ? true : options.FlashAttention) switch
        {
            true => LLamaFlashAttentionType.LLAMA_FLASH_ATTENTION_TYPE_ENABLED,
            false => LLamaFlashAttentionType.LLAMA_FLASH_ATTENTION_TYPE_DISABLED,
            null => LLamaFlashAttentionType.LLAMA_FLASH_ATTENTION_TYPE_AUTO,
        };
        contextParams.no_perf = true;
        return contextParams;
    }

    /// <summary>Loads the model or says why llama.cpp refused it (its log carries the reason).</summary>
    private static SafeLlamaModelHandle LoadModel(string path, LLamaModelParams modelParams)
    {
        var log = LlamaCppLog.Capture();
        try
        {
            return SafeLlamaModelHandle.LoadFromFile(path, modelParams);
        }
        catch (LLama.Exceptions.LoadWeightsFailedException)
        {
            throw new EnergyGateException($"EG2002: llama.cpp cannot load '{path}': {log.LastErrors()}");
        }
    }

    /// <summary>Creates the context or says why llama.cpp refused it.</summary>
    internal static SafeLLamaContextHandle CreateContext(SafeLlamaModelHandle model, LLamaContextParams contextParams, string path)
    {
        var log = LlamaCppLog.Capture();
        try
        {
            return SafeLLamaContextHandle.Create(model, contextParams);
        }
        catch (LLama.Exceptions.RuntimeError)
        {
            throw new EnergyGateException($"EG2002: llama.cpp cannot create a context for '{path}': {log.LastErrors()}");
        }
    }

    /// <summary>Tokens in the sequence so far (prompt plus decoded).</summary>
    public int Length => _length;

    /// <inheritdoc />
    public ReadOnlySpan<float> Prefill(ReadOnlySpan<int> promptIds)
    {
        if (promptIds.IsEmpty)
        {
            throw new ArgumentException("The prompt has no tokens.", nameof(promptIds));
        }

        CheckRoom(promptIds.Length);
        foreach (var id in promptIds)
        {
            CheckId(id);
        }

        Reset();
        for (var start = 0; start < promptIds.Length; start += _batchSize)
        {
            var count = Math.Min(_batchSize, promptIds.Length - start);
            _batch.Clear();
            for (var i = 0; i < count; i++)
            {
                var position = start + i;
                _batch.Add(promptIds[position], position, Sequence, position == promptIds.Length - 1);
            }

            Evaluate();
        }

        _length = promptIds.Length;
        return LastLogits();
    }

    /// <inheritdoc />
    public ReadOnlySpan<float> Decode(int tokenId)
    {
        if (_length == 0)
        {
            throw new InvalidOperationException("Decode needs a Prefill first (or again after Reset).");
        }

        CheckRoom(_length + 1);
        CheckId(tokenId);
        _batch.Clear();
        _batch.Add(tokenId, _length, Sequence, true);
        Evaluate();
        _length++;
        return LastLogits();
    }

    /// <inheritdoc />
    public void Reset()
    {
        _context.MemoryClear(true);
        _length = 0;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _context.Dispose();
        _model.Dispose();
    }

    private void Evaluate()
    {
        var result = _context.Decode(_batch);
        if (result != DecodeResult.Ok)
        {
            throw new EnergyGateException($"EG2004: llama.cpp could not evaluate {_batch.TokenCount} token(s) at position {_length} of {Description}: {result}.");
        }
    }

    // The batch asks for one output (the last token), so llama.cpp's output buffer holds exactly one row.
    private ReadOnlySpan<float> LastLogits() => _context.GetLogitsIth(_batch.TokenCount - 1)[..VocabularySize];

    private void CheckId(int id)
    {
        if ((uint)id >= (uint)VocabularySize)
        {
            throw new EnergyGateException(
                $"EG2003: token id {id} is outside the vocabulary of {Description} (0..{VocabularySize - 1}); the tokenizer does not match this model.");
        }
    }

    private void CheckRoom(int length)
    {
        if (length > MaxSequenceLength)
        {
            throw new EnergyGateException($"EG2004: {length} tokens exceed the {MaxSequenceLength}-token context of {Description}.");
        }
    }
}

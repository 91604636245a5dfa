using EnergyGate.Core;
using EnergyGate.Core.Generation.Batching;
using LLama.Native;

namespace EnergyGate.Runtimes.LlamaCpp;

/// <summary>
/// <see cref="IBatchDecoderSession"/> over llama.cpp: slot <c>s</c> is llama.cpp's sequence id <c>s</c>.
/// Batches are packed, not padded: a prefill puts every prompt's tokens in one llama_decode batch,
/// each under its own sequence id at positions 0 .. n - 1 with logits for its last token only; a
/// decode step evaluates one token per occupied slot at that sequence's own next position.
/// </summary>
/// <remarks>
/// The context holds one KV cache stream per slot (<c>kv_unified</c> off), each of the model's full
/// context, so every slot gets <see cref="MaxSequenceLength"/> positions whatever the others hold, and a
/// sequence attends only to its own stream. Releasing a slot removes its sequence from the cache.
/// </remarks>
public sealed class LlamaCppBatchDecoderSession : IBatchDecoderSession
{
    private readonly SafeLlamaModelHandle _model;
    private readonly SafeLLamaContextHandle _context;
    private readonly LLamaBatch _batch = new();
    private readonly int _batchSize;
    // Tokens each slot holds; 0: the slot is free.
    private readonly int[] _lengths;
    private readonly float[] _logits;
    // Rows whose logits the batch being filled asks for, and the batch index of each.
    private readonly int[] _pendingRows, _pendingIndices;
    private int _pending;

    private LlamaCppBatchDecoderSession(SafeLlamaModelHandle model, SafeLLamaContextHandle context, string description, int maxBatch, int sequenceLength, int batchSize)
    {
        _model = model;
        _context = context;
        _batchSize = batchSize;
        Description = description;
        MaxBatchSize = maxBatch;
        MaxSequenceLength = sequenceLength;
        VocabularySize = model.Vocab.Count;
        _lengths = new int[maxBatch];
        _logits = new float[maxBatch * VocabularySize];
        _pendingRows = new int[maxBatch];
        _pendingIndices = new int[maxBatch];
    }

    /// <summary>
    /// Loads <paramref name="ggufPath"/> with a context of <paramref name="maxBatchSize"/> sequences, each
    /// of the entry's context (default: the model's training context).
    /// </summary>
    /// <exception cref="EnergyGateException">EG2002: the file does not load or the context cannot be created; EG2001: the provider is not a CPU one.</exception>
    public static LlamaCppBatchDecoderSession Open(string ggufPath, LlamaCppSessionOptions options, int maxBatchSize)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatchSize, 1);
        var model = LlamaCppDecoderSession.LoadModel(ggufPath, options);
        try
        {
            var sequenceLength = options.ContextSize > 0 ? options.ContextSize : model.ContextSize;
            // A decode step evaluates one token per slot in one llama_decode call, so n_batch covers every slot;
            // prefills longer than n_batch are split into several calls.
            var batchSize = Math.Max(maxBatchSize, Math.Min(options.BatchSize > 0 ? options.BatchSize : LlamaCppSessionOptions.DefaultBatchSize, sequenceLength * maxBatchSize));
            var contextParams = LlamaCppDecoderSession.ContextParams(options, checked(sequenceLength * maxBatchSize), batchSize, maxBatchSize);
            // One KV stream per sequence: llama.cpp then gives each sequence n_ctx / n_seq_max cells (a
            // unified cache would let one long sequence take cells the others need).
            contextParams.kv_unified = false;
            var context = LlamaCppDecoderSession.CreateContext(model, contextParams, ggufPath);
            try
            {
                var perSequence = context.ContextSize / maxBatchSize;
                if (perSequence < sequenceLength)
                {
                    throw new EnergyGateException(
                        $"EG2002: llama.cpp gave {context.ContextSize} context cells for {maxBatchSize} sequences of {sequenceLength} tokens in '{ggufPath}'; set a smaller `context` or decoding.batch-size.");
                }

                var description = $"llamacpp/{options.Provider} {Path.GetFileNameWithoutExtension(ggufPath)}";
                return new LlamaCppBatchDecoderSession(model, context, description, maxBatchSize, sequenceLength, batchSize);
            }
            catch
            {
                context.Dispose();
                throw;
            }
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public int VocabularySize { get; }

    /// <inheritdoc />
    public int MaxSequenceLength { get; }

    /// <inheritdoc />
    public int MaxBatchSize { get; }

    /// <inheritdoc />
    public string Description { get; }

    /// <inheritdoc />
    public string Batching => "packed without padding: each slot is a llama.cpp sequence id with a KV cache stream of its own; "
        + "prompts prefilled together in llama_decode batches of up to n_batch tokens, each at its own positions; one llama_decode per decode step for every occupied slot";

    /// <inheritdoc />
    public ReadOnlySpan<float> Prefill(ReadOnlySpan<int> slots, IReadOnlyList<int[]> prompts)
    {
        ArgumentNullException.ThrowIfNull(prompts);
        BatchCallChecks.Prefill(this, slots, prompts, s => _lengths[s] > 0);
        if (slots.IsEmpty)
        {
            return [];
        }

        try
        {
            _batch.Clear();
            _pending = 0;
            for (var row = 0; row < slots.Length; row++)
            {
                var sequence = (LLamaSeqId)slots[row];
                var prompt = prompts[row];
                for (var position = 0; position < prompt.Length; position++)
                {
                    if (_batch.TokenCount == _batchSize)
                    {
                        Evaluate(slots[row], position);
                    }

                    var last = position == prompt.Length - 1;
                    var index = _batch.Add(prompt[position], position, sequence, last);
                    if (last)
                    {
                        _pendingRows[_pending] = row;
                        _pendingIndices[_pending++] = index;
                    }
                }
            }

            Evaluate(slots[^1], prompts[^1].Length);
        }
        catch
        {
            // A failed call leaves no half-prefilled sequence behind: the slots stay free.
            foreach (var slot in slots)
            {
                _context.MemorySequenceRemove((LLamaSeqId)slot, -1, -1);
            }

            throw;
        }

        for (var row = 0; row < slots.Length; row++)
        {
            _lengths[slots[row]] = prompts[row].Length;
        }

        return _logits.AsSpan(0, slots.Length * VocabularySize);
    }

    /// <inheritdoc />
    public ReadOnlySpan<float> Decode(ReadOnlySpan<int> slots, ReadOnlySpan<int> tokens)
    {
        BatchCallChecks.Decode(this, slots, tokens, [.. Enumerable.Range(0, MaxBatchSize).Where(s => _lengths[s] > 0)]);
        if (slots.IsEmpty)
        {
            return [];
        }

        for (var row = 0; row < slots.Length; row++)
        {
            BatchCallChecks.Room(this, _lengths[slots[row]] + 1, slots[row]);
        }

        _batch.Clear();
        _pending = 0;
        for (var row = 0; row < slots.Length; row++)
        {
            _pendingRows[_pending] = row;
            _pendingIndices[_pending++] = _batch.Add(tokens[row], _lengths[slots[row]], (LLamaSeqId)slots[row], true);
        }

        Evaluate(slots[0], _lengths[slots[0]]);
        foreach (var slot in slots)
        {
            _lengths[slot]++;
        }

        return _logits.AsSpan(0, slots.Length * VocabularySize);
    }

    /// <inheritdoc />
    public void Release(int slot)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(slot);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(slot, MaxBatchSize);
        if (_lengths[slot] == 0)
        {
            return;
        }

        _context.MemorySequenceRemove((LLamaSeqId)slot, -1, -1);
        _lengths[slot] = 0;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _context.Dispose();
        _model.Dispose();
    }

    /// <summary>Evaluates the batch, copies the logits it asked for into their rows, and clears it.</summary>
    private void Evaluate(int slot, int position)
    {
        var result = _context.Decode(_batch);
        if (result != DecodeResult.Ok)
        {
            throw new EnergyGateException($"EG2004: llama.cpp could not evaluate {_batch.TokenCount} token(s) at position {position} of slot {slot} of {Description}: {result}.");
        }

        for (var i = 0; i < _pending; i++)
        {
            _context.GetLogitsIth(_pendingIndices[i])[..VocabularySize].CopyTo(_logits.AsSpan(_pendingRows[i] * VocabularySize, VocabularySize));
        }

        _pending = 0;
        _batch.Clear();
    }

}

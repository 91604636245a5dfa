namespace EnergyGate.Core.Generation.Batching;

/// <summary>
/// One model in one runtime holding the KV caches of up to <see cref="MaxBatchSize"/> sequences at
/// once, each in a numbered slot. Several prompts are prefilled in one forward pass; one decode
/// step advances every occupied slot in one forward pass; a finished sequence's slot is released
/// and a new prompt may be prefilled into it while the others keep decoding (continuous batching).
/// Sampling, stopping and timing live in Core (<c>BatchedGenerator</c>).
/// </summary>
/// <remarks>
/// <para>Results must not depend on the batch: greedy decoding of a prompt gives the same tokens
/// whichever sequences share its steps (padding is masked, positions count from each sequence's own
/// first token). Runtimes say how they batch in <see cref="Batching"/> (e.g. left padding with an
/// attention mask).</para>
/// <para>Returned logits stay valid only until the next call on the session: runtimes reuse buffers.</para>
/// </remarks>
public interface IBatchDecoderSession : IDisposable
{
    /// <summary>Number of ids the model can embed.</summary>
    int VocabularySize { get; }

    /// <summary>Longest sequence (prompt + generated) the model supports, per slot.</summary>
    int MaxSequenceLength { get; }

    /// <summary>Slots: the most sequences the session holds at once (numbered 0 .. MaxBatchSize - 1).</summary>
    int MaxBatchSize { get; }

    /// <summary>Runtime, provider and model, for reports (e.g. "onnx/cpu tiny-gpt2").</summary>
    string Description { get; }

    /// <summary>How sequences share a forward pass, in words for the report (e.g. "left-padded, attention mask and position ids").</summary>
    string Batching { get; }

    /// <summary>
    /// Most prompts the scheduler should give one <see cref="Prefill"/> call. A prompt's prefill is
    /// already a matrix-matrix product that fills a CPU's cores, and a session that pads prompts
    /// prefilled together to the longest pays for the padding, so there one at a time is cheaper (measured on the 30 M built-in
    /// model, 16 HumanEval prompts together: 6.3x torch's and 2.7x onnx's prefill time per prompt);
    /// a GPU gains from filling its batch. Default: every slot.
    /// </summary>
    int PrefillBatch => MaxBatchSize;

    /// <summary>
    /// Prefills <paramref name="prompts"/>[i] into the free slot <paramref name="slots"/>[i], all in one
    /// forward pass, while the occupied slots keep their caches. Returns the last position's logits of
    /// each prompt: row i (<see cref="VocabularySize"/> floats) belongs to <paramref name="slots"/>[i].
    /// </summary>
    /// <exception cref="ArgumentException">A slot is occupied or out of range, the lists differ in length, or a prompt is empty.</exception>
    /// <exception cref="EnergyGateException">A prompt is longer than the context or holds an id outside the vocabulary.</exception>
    ReadOnlySpan<float> Prefill(ReadOnlySpan<int> slots, IReadOnlyList<int[]> prompts);

    /// <summary>
    /// Appends <paramref name="tokens"/>[i] to the sequence in <paramref name="slots"/>[i] and returns the
    /// logits of each sequence's next token, row i for <paramref name="slots"/>[i]. <paramref name="slots"/>
    /// must name every occupied slot once, in ascending order: a sequence that should not advance is
    /// released first.
    /// </summary>
    /// <exception cref="ArgumentException">The slots are not exactly the occupied ones in ascending order, or the lengths differ.</exception>
    /// <exception cref="EnergyGateException">A sequence would exceed the context, or an id is outside the vocabulary.</exception>
    ReadOnlySpan<float> Decode(ReadOnlySpan<int> slots, ReadOnlySpan<int> tokens);

    /// <summary>Forgets the sequence in <paramref name="slot"/> and frees the slot; releasing a free slot does nothing.</summary>
    void Release(int slot);
}

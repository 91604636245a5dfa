namespace EnergyGate.Core.Generation.Batching;

/// <summary>
/// A one-sequence <see cref="IDecoderSession"/> seen as a batch session of one slot, so the batched
/// scheduler (and the server over it) also runs a runtime that decodes one sequence at a time.
/// </summary>
public sealed class SingleSlotBatchSession(IDecoderSession session) : IBatchDecoderSession
{
    private readonly IDecoderSession _session = session ?? throw new ArgumentNullException(nameof(session));
    private bool _occupied;

    /// <inheritdoc/>
    public int VocabularySize => _session.VocabularySize;

    /// <inheritdoc/>
    public int MaxSequenceLength => _session.MaxSequenceLength;

    /// <inheritdoc/>
    public int MaxBatchSize => 1;

    /// <inheritdoc/>
    public string Description => _session.Description;

    /// <inheritdoc/>
    public string Batching => "one sequence at a time (the runtime does not batch)";

    /// <inheritdoc/>
    public ReadOnlySpan<float> Prefill(ReadOnlySpan<int> slots, IReadOnlyList<int[]> prompts)
    {
        ArgumentNullException.ThrowIfNull(prompts);
        if (slots.Length != 1 || prompts.Count != 1 || slots[0] != 0)
            throw new ArgumentException("a one-slot session prefills exactly one prompt into slot 0", nameof(slots));
        if (_occupied)
            throw new ArgumentException("slot 0 is occupied: release it first", nameof(slots));
        if (prompts[0].Length == 0)
            throw new ArgumentException("the prompt has no tokens", nameof(prompts));
        _session.Reset();
        var logits = _session.Prefill(prompts[0]);
        _occupied = true;
        return logits;
    }

    /// <inheritdoc/>
    public ReadOnlySpan<float> Decode(ReadOnlySpan<int> slots, ReadOnlySpan<int> tokens)
    {
        if (!_occupied || slots.Length != 1 || slots[0] != 0 || tokens.Length != 1)
            throw new ArgumentException("a one-slot session decodes slot 0 only, after a prefill, one token at a time", nameof(slots));
        return _session.Decode(tokens[0]);
    }

    /// <inheritdoc/>
    public void Release(int slot)
    {
        if (slot == 0 && _occupied)
        {
            _session.Reset();
            _occupied = false;
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _session.Dispose();
}

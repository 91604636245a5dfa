namespace EnergyGate.Core.Generation.Batching;

/// <summary>
/// The argument rules of <see cref="IBatchDecoderSession.Prefill"/> and <see cref="IBatchDecoderSession.Decode"/>,
/// checked once here for every runtime's session before any of it reaches the model.
/// </summary>
public static class BatchCallChecks
{
    /// <summary>
    /// As many prompts as slots; each slot in range, free and named once; each prompt not empty, within
    /// the context and holding only ids of the vocabulary.
    /// </summary>
    /// <param name="session">The session, for its slots, vocabulary, context and description.</param>
    /// <param name="slots">The slots to fill.</param>
    /// <param name="prompts">Their prompts.</param>
    /// <param name="occupied">Whether a slot holds a sequence now.</param>
    /// <exception cref="ArgumentException">A slot misused or a prompt empty.</exception>
    /// <exception cref="EnergyGateException">EG2003: an id outside the vocabulary; EG2004: a prompt longer than the context.</exception>
    public static void Prefill(IBatchDecoderSession session, ReadOnlySpan<int> slots, IReadOnlyList<int[]> prompts, Func<int, bool> occupied)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(prompts);
        ArgumentNullException.ThrowIfNull(occupied);
        if (slots.Length != prompts.Count)
            throw new ArgumentException($"{slots.Length} slots but {prompts.Count} prompts.", nameof(prompts));
        var named = new HashSet<int>();
        for (var i = 0; i < slots.Length; i++)
        {
            var slot = slots[i];
            if ((uint)slot >= (uint)session.MaxBatchSize)
                throw new ArgumentException($"Slot {slot} is outside 0..{session.MaxBatchSize - 1}.", nameof(slots));
            if (occupied(slot))
                throw new ArgumentException($"Slot {slot} is occupied; release it before prefilling into it.", nameof(slots));
            if (!named.Add(slot))
                throw new ArgumentException($"Slot {slot} is named twice.", nameof(slots));
            if (prompts[i] is not { Length: > 0 } prompt)
                throw new ArgumentException($"The prompt for slot {slot} has no tokens.", nameof(prompts));
            Room(session, prompt.Length, slot);
            foreach (var id in prompt)
            {
                Id(session, id);
            }
        }
    }

    /// <summary>As many tokens as slots, and the slots exactly the occupied ones in ascending order.</summary>
    /// <param name="slots">The slots named.</param>
    /// <param name="tokens">Their tokens (checked against the vocabulary too).</param>
    /// <param name="session">The session, for its vocabulary and description.</param>
    /// <param name="occupiedAscending">The occupied slots, ascending.</param>
    /// <exception cref="ArgumentException">The lengths differ, or the slots are not the occupied ones in order.</exception>
    /// <exception cref="EnergyGateException">EG2003: a token outside the vocabulary.</exception>
    public static void Decode(IBatchDecoderSession session, ReadOnlySpan<int> slots, ReadOnlySpan<int> tokens, IReadOnlyList<int> occupiedAscending)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(occupiedAscending);
        if (slots.Length != tokens.Length)
            throw new ArgumentException($"{slots.Length} slots but {tokens.Length} tokens.", nameof(tokens));
        var same = slots.Length == occupiedAscending.Count;
        for (var i = 0; same && i < slots.Length; i++)
        {
            same = slots[i] == occupiedAscending[i];
        }
        if (!same)
            throw new ArgumentException(
                $"Decode must name every occupied slot once, in ascending order ({(occupiedAscending.Count == 0 ? "none" : string.Join(", ", occupiedAscending))} are occupied); got {string.Join(", ", slots.ToArray())}.",
                nameof(slots));
        foreach (var token in tokens)
        {
            Id(session, token);
        }
    }

    /// <summary>EG2003 for an id the model cannot embed.</summary>
    public static int Id(IBatchDecoderSession session, int id)
    {
        ArgumentNullException.ThrowIfNull(session);
        return (uint)id < (uint)session.VocabularySize ? id : throw new EnergyGateException(
            $"EG2003: token id {id} is outside the vocabulary of {session.Description} (0..{session.VocabularySize - 1}); the tokenizer does not match this model.");
    }

    /// <summary>EG2004 for a sequence of <paramref name="length"/> tokens in <paramref name="slot"/> beyond the context.</summary>
    public static void Room(IBatchDecoderSession session, int length, int slot)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (length > session.MaxSequenceLength)
            throw new EnergyGateException($"EG2004: {length} tokens exceed the {session.MaxSequenceLength}-token context of {session.Description} (slot {slot}).");
    }
}

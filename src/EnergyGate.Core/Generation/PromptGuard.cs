namespace EnergyGate.Core.Generation;

/// <summary>Rejects a prompt the model cannot take, before the model sees any of it.</summary>
internal static class PromptGuard
{
    /// <summary>The prompt as an array, after checking its length and that every id fits the model's vocabulary.</summary>
    public static int[] Check(IReadOnlyList<int> promptIds, IDecoderSession session) =>
        Check(promptIds, session.VocabularySize, session.MaxSequenceLength, session.Description);

    /// <summary>The prompt as an array, checked against a model of <paramref name="vocabulary"/> ids and <paramref name="context"/> positions.</summary>
    public static int[] Check(IReadOnlyList<int> promptIds, int vocabulary, int context, string description)
    {
        if (promptIds.Count == 0)
            throw new EnergyGateException("the prompt has no tokens: generation needs at least one prompt token to prefill");
        if (promptIds.Count >= context)
            throw new EnergyGateException(
                $"the prompt has {promptIds.Count} tokens but {description} holds at most {context} " +
                "(prompt + generated): shorten the prompt or use a model with a longer context");
        var ids = new int[promptIds.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            var id = promptIds[i];
            // An id past the embedding table would crash or silently read garbage in the runtime.
            if (id < 0 || id >= vocabulary)
                throw new EnergyGateException(
                    $"prompt token {id} at position {i} is outside the model's vocabulary of {vocabulary} ids: " +
                    $"the tokenizer does not match the model ({description})");
            ids[i] = id;
        }
        return ids;
    }
}

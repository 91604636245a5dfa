namespace EnergyGate.Core.Generation.Batching;

/// <summary>One prompt to complete in a batch.</summary>
/// <param name="Id">The caller's identity for it (a sample index, a server request number); unique among the scheduler's requests.</param>
/// <param name="PromptIds">The prompt's ids.</param>
/// <param name="Settings">How this sequence is decoded and when it stops; sequences of a batch may differ.</param>
/// <param name="Hooks">Its own selector, criteria and token observer.</param>
public sealed record BatchRequest(long Id, IReadOnlyList<int> PromptIds, GenerationSettings Settings, GenerationHooks? Hooks = null);

/// <summary>A sequence that left the batch: finished, or cancelled by its caller.</summary>
/// <param name="Request">What was asked.</param>
/// <param name="Result">Its tokens, text, stop reason and its own phase timeline (its prefill step, its token times).</param>
/// <param name="Shares">Its part of every step it took part in, for energy attribution.</param>
/// <param name="Cancelled">True when the caller cancelled it before it finished: <paramref name="Result"/> holds what was generated so far.</param>
public sealed record BatchedSequence(BatchRequest Request, GenerationResult Result, IReadOnlyList<StepShare> Shares, bool Cancelled);

/// <summary>How the scheduler fills its slots.</summary>
/// <param name="BatchSize">Slots: most sequences decoded together.</param>
/// <param name="Continuous">
/// True: a waiting prompt joins as soon as a slot is free, while the others keep decoding (continuous
/// batching). False: a batch is filled, runs until its last sequence finishes, then the next is filled
/// (static batching; finished sequences still leave at once, so they cost no forward passes).
/// </param>
public sealed record BatchOptions(int BatchSize, bool Continuous)
{
    /// <summary>Throws an <see cref="EnergyGateException"/> for a batch size below 1.</summary>
    public void Validate()
    {
        if (BatchSize < 1)
            throw new EnergyGateException($"batch size must be at least 1 (got {BatchSize})");
    }
}

namespace EnergyGate.Core.Generation;

/// <summary>
/// One model loaded in one runtime on one execution provider, holding the KV cache of a single
/// sequence. Runtimes implement only this; sampling, stopping and timing live in Core.
/// </summary>
/// <remarks>
/// The returned logits stay valid only until the next call on the session: runtimes reuse their
/// buffers so the decode loop allocates nothing per token.
/// </remarks>
public interface IDecoderSession : IDisposable
{
    /// <summary>Number of ids the model can embed; ids at or above it are rejected before the model sees them.</summary>
    int VocabularySize { get; }

    /// <summary>Longest sequence (prompt + generated) the model supports.</summary>
    int MaxSequenceLength { get; }

    /// <summary>Runtime, provider and model, for reports (e.g. "onnx/cpu tiny-gpt2").</summary>
    string Description { get; }

    /// <summary>Runs the whole prompt, fills the KV cache, returns the last position's logits.</summary>
    ReadOnlySpan<float> Prefill(ReadOnlySpan<int> promptIds);

    /// <summary>Appends one token to the sequence and returns the logits for the next one.</summary>
    ReadOnlySpan<float> Decode(int tokenId);

    /// <summary>Forgets the sequence so the next call must be <see cref="Prefill"/>.</summary>
    void Reset();
}

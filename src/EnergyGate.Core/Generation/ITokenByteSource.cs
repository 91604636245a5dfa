namespace EnergyGate.Core.Generation;

/// <summary>
/// A tokenizer that can say when its <see cref="ITextTokenizer.Decode"/> is nothing more than the
/// UTF-8 text of its tokens' bytes laid end to end (byte-level BPE: GPT-2, CodeGen, StarCoder, Qwen2).
/// Incremental detokenization then needs each token's bytes once and never decodes a window again.
/// </summary>
public interface ITokenByteSource
{
    /// <summary>
    /// True when decoding any run of ids equals the UTF-8 decoding (invalid bytes to U+FFFD) of their
    /// <see cref="TokenBytes"/> concatenated. False for decoders that do more (SentencePiece's space
    /// handling, byte fallback): then the other members must not be used.
    /// </summary>
    bool DecodesTokenBytes { get; }

    /// <summary>The bytes <paramref name="id"/> stands for; empty for an id the tokenizer does not know (decoding skips it).</summary>
    ReadOnlySpan<byte> TokenBytes(int id);

    /// <summary>The text of <paramref name="id"/> alone when its bytes are complete, valid UTF-8; else null.</summary>
    string? TokenText(int id);
}

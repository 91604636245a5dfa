using EnergyGate.Core.Generation;

namespace EnergyGate.Tool.Serving;

/// <summary>
/// One tokenizer shared by the request handlers (encoding prompts) and the generation thread
/// (decoding tokens). <see cref="ITextTokenizer"/> promises no thread safety (llama.cpp's is a native
/// handle), so calls take turns; each is microseconds, far below a forward pass.
/// </summary>
internal sealed class SynchronizedTokenizer(ITextTokenizer inner) : ITextTokenizer
{
    private readonly Lock _gate = new();

    /// <inheritdoc/>
    public IReadOnlyList<int> EndOfSequenceIds => inner.EndOfSequenceIds;

    /// <inheritdoc/>
    public IReadOnlyList<int> Encode(string text)
    {
        lock (_gate)
        {
            return inner.Encode(text);
        }
    }

    /// <inheritdoc/>
    public string Decode(IEnumerable<int> ids)
    {
        lock (_gate)
        {
            return inner.Decode(ids);
        }
    }
}

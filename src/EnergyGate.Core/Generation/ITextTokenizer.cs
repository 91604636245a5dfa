namespace EnergyGate.Core.Generation;

/// <summary>Text to token ids and back, as the model's own tokenizer does it.</summary>
public interface ITextTokenizer
{
    /// <summary>Ids for <paramref name="text"/>, without special tokens unless the text spells them.</summary>
    IReadOnlyList<int> Encode(string text);

    /// <summary>
    /// Text for a run of ids. A multi-byte character cut at the end decodes to U+FFFD; incremental
    /// detokenization relies on that to hold such a tail back until the next token completes it.
    /// </summary>
    string Decode(IEnumerable<int> ids);

    /// <summary>Ids that end generation (end-of-sequence and similar), from the tokenizer and model config.</summary>
    IReadOnlyList<int> EndOfSequenceIds { get; }
}

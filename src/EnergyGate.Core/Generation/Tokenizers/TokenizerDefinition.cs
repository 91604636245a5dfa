namespace EnergyGate.Core.Generation.Tokenizers;

/// <summary>Everything tokenizer.json says, parsed and checked, before any engine is built.</summary>
internal sealed record TokenizerDefinition(
    BpeModelSpec Model,
    IReadOnlyList<AddedToken> AddedTokens,
    Func<string, string>? Normalizer,
    Func<Piece, IEnumerable<Piece>>? PreTokenizer,
    Func<List<string>, List<string>>? Decoder,
    bool ByteLevelDecoder = false);

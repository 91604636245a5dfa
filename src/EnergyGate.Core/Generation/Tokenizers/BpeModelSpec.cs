namespace EnergyGate.Core.Generation.Tokenizers;

/// <summary>The tokenizer.json <c>model</c> section of type BPE, as read.</summary>
internal sealed record BpeModelSpec(
    Dictionary<string, int> Vocab,
    List<(string Left, string Right)> Merges,
    string? UnknownToken,
    bool FuseUnknown,
    bool ByteFallback,
    bool IgnoreMerges);

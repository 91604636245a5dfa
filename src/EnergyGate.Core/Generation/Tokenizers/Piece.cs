namespace EnergyGate.Core.Generation.Tokenizers;

/// <summary>
/// A stretch of text on its way to the model. <paramref name="AtStart"/> says whether it begins at the
/// start of the caller's text, which Metaspace's "first" prepend scheme depends on.
/// </summary>
internal readonly record struct Piece(string Text, bool AtStart);

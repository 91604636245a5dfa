namespace EnergyGate.Core.Generation.Tokenizers;

/// <summary>An <c>added_tokens</c> entry: text matched before the model ever sees it.</summary>
internal sealed record AddedToken(int Id, string Content, bool Special, bool Normalized, bool LStrip, bool RStrip, bool SingleWord);

/// <summary>A segment of input: either plain text for the model or one added token.</summary>
internal readonly record struct Segment(Piece Piece, int? TokenId);

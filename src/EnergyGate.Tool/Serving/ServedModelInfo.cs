namespace EnergyGate.Tool.Serving;

/// <summary>What requests are checked against: the served model's name and context, and the server's own cap.</summary>
/// <param name="Name">The id clients send as <c>model</c>.</param>
/// <param name="ContextLength">Longest sequence (prompt + completion) the session holds.</param>
/// <param name="MaxTokensLimit">The server's cap on <c>max_tokens</c> (<c>--max-new-tokens-limit</c>); null: the context is the only limit.</param>
internal sealed record ServedModelInfo(string Name, int ContextLength, int? MaxTokensLimit);

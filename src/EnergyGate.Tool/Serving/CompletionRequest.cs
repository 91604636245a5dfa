namespace EnergyGate.Tool.Serving;

/// <summary>A <c>POST /v1/completions</c> body after its JSON was read and its fields type-checked.</summary>
/// <param name="Model">The model the client asked for.</param>
/// <param name="Prompt">The prompt text.</param>
/// <param name="MaxTokens">Most tokens to generate; null: OpenAI's default (16), at most what the context leaves.</param>
/// <param name="Temperature">0 is greedy; OpenAI's default is 1.</param>
/// <param name="TopP">Nucleus sampling; 1 is off.</param>
/// <param name="Seed">The sampler's seed; null: a fresh one per request, as OpenAI does.</param>
/// <param name="Stop">Stop strings: the completion ends before the first one that appears.</param>
/// <param name="Stream">Answer as server-sent events, one per token that released text.</param>
/// <param name="IncludeUsage">With <paramref name="Stream"/>: a last chunk carrying the token counts.</param>
internal sealed record CompletionRequest(
    string Model,
    string Prompt,
    int? MaxTokens,
    double Temperature,
    double TopP,
    int? Seed,
    IReadOnlyList<string> Stop,
    bool Stream,
    bool IncludeUsage)
{
    /// <summary>OpenAI's default <c>max_tokens</c> for completions.</summary>
    public const int DefaultMaxTokens = 16;
}

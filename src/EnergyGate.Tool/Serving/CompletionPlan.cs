using System.Globalization;
using EnergyGate.Core;
using EnergyGate.Core.Generation;

namespace EnergyGate.Tool.Serving;

/// <summary>A request checked against the served model: its prompt ids and how to decode it.</summary>
/// <param name="PromptIds">The tokenized prompt.</param>
/// <param name="Settings">Max tokens, sampling and stop strings, as Core's generators take them.</param>
internal sealed record CompletionPlan(IReadOnlyList<int> PromptIds, GenerationSettings Settings)
{
    /// <summary>
    /// Checks <paramref name="request"/> against <paramref name="model"/> (its name, the room its
    /// context leaves after the prompt, the server's cap) and maps it to <see cref="GenerationSettings"/>;
    /// false with <paramref name="error"/> set (404 for another model, 400 otherwise).
    /// </summary>
    public static bool TryCreate(CompletionRequest request, ServedModelInfo model, ITextTokenizer tokenizer, out CompletionPlan plan, out ApiError error)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(tokenizer);
        (plan, error) = (null!, null!);
        if (!string.Equals(request.Model, model.Name, StringComparison.Ordinal))
        {
            error = new ApiError(404, $"The model `{request.Model}` does not exist: this server serves `{model.Name}`.", "model", "model_not_found");
            return false;
        }
        var ids = tokenizer.Encode(request.Prompt);
        var context = model.ContextLength;
        if (ids.Count == 0)
        {
            error = ApiError.BadRequest("prompt is empty (no tokens): the model needs at least one prompt token to complete", "prompt");
            return false;
        }
        if (ids.Count >= context)
        {
            error = ApiError.BadRequest(
                $"This model's maximum context length is {context} tokens (prompt + completion), but the prompt has {ids.Count} tokens, " +
                "leaving no room for a completion: shorten the prompt.", "prompt", "context_length_exceeded");
            return false;
        }
        var room = context - ids.Count;
        var maxTokens = request.MaxTokens ?? Math.Min(CompletionRequest.DefaultMaxTokens, Math.Min(room, model.MaxTokensLimit ?? room));
        if (maxTokens < 1)
        {
            error = ApiError.BadRequest($"max_tokens is {maxTokens}: it must be at least 1", "max_tokens", "invalid_value");
            return false;
        }
        if (maxTokens > room)
        {
            error = ApiError.BadRequest(
                $"This model's maximum context length is {context} tokens, but you requested {ids.Count + (long)maxTokens} tokens " +
                $"({ids.Count} in the prompt, {maxTokens} for the completion): set max_tokens to at most {room}.", "max_tokens", "context_length_exceeded");
            return false;
        }
        if (maxTokens > model.MaxTokensLimit)
        {
            error = ApiError.BadRequest($"max_tokens is {maxTokens} but this server generates at most {model.MaxTokensLimit} tokens per request", "max_tokens", "invalid_value");
            return false;
        }
        if (request.Temperature < 0)
        {
            error = ApiError.BadRequest($"temperature is {request.Temperature.ToString(CultureInfo.InvariantCulture)}: it must be 0 (greedy) or above", "temperature", "invalid_value");
            return false;
        }
        if (!(request.TopP > 0 && request.TopP <= 1))
        {
            error = ApiError.BadRequest($"top_p is {request.TopP.ToString(CultureInfo.InvariantCulture)}: it must be above 0 and at most 1 (1 = off)", "top_p", "invalid_value");
            return false;
        }
        var settings = new GenerationSettings
        {
            MaxNewTokens = maxTokens,
            Temperature = request.Temperature,
            TopP = request.TopP,
            // Without a seed each request samples differently, as OpenAI's API does.
            Seed = request.Seed ?? Random.Shared.Next(),
            StopStrings = request.Stop,
        };
        try
        {
            settings.Validate();
        }
        catch (EnergyGateException ex)
        {
            // The checks above cover every field Core validates; this keeps a future rule from becoming a 500.
            error = ApiError.BadRequest(ex.Message, code: "invalid_value");
            return false;
        }
        plan = new CompletionPlan(ids, settings);
        return true;
    }
}

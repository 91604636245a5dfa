using EnergyGate.Tool.Serving;

namespace EnergyGate.Tool.Tests.Serving;

/// <summary>A parsed request checked against the served model: name, context room, the server's cap; mapped to generation settings.</summary>
public sealed class CompletionPlanTests
{
    private static readonly ServedModelInfo Model = new("tiny", 32, null);

    [Fact]
    public void Fields_map_to_generation_settings()
    {
        var plan = Plan(Request() with { MaxTokens = 5, Temperature = 0.7, TopP = 0.8, Seed = 11, Stop = ["\n"] });
        Assert.Equal([104, 105], plan.PromptIds);
        Assert.Equal(5, plan.Settings.MaxNewTokens);
        Assert.Equal(0.7, plan.Settings.Temperature);
        Assert.Equal(0.8, plan.Settings.TopP);
        Assert.Equal(11, plan.Settings.Seed);
        Assert.Equal(["\n"], plan.Settings.StopStrings);
    }

    [Fact]
    public void Without_max_tokens_OpenAIs_16_apply_at_most_what_the_context_leaves()
    {
        Assert.Equal(16, Plan(Request()).Settings.MaxNewTokens);
        Assert.Equal(2, Plan(Request() with { Prompt = new string('x', 30) }).Settings.MaxNewTokens);
        Assert.Equal(4, Plan(Request(), Model with { MaxTokensLimit = 4 }).Settings.MaxNewTokens);
    }

    [Theory]
    [InlineData("hi", 0, 400, "max_tokens", "invalid_value", "max_tokens is 0: it must be at least 1")]
    [InlineData("hi", 31, 400, "max_tokens", "context_length_exceeded", "maximum context length is 32 tokens, but you requested 33 tokens (2 in the prompt, 31 for the completion): set max_tokens to at most 30")]
    [InlineData("hi", 1000000000, 400, "max_tokens", "context_length_exceeded", "you requested 1000000002 tokens (2 in the prompt, 1000000000 for the completion)")]
    [InlineData("", 1, 400, "prompt", null, "prompt is empty (no tokens)")]
    public void A_request_the_model_cannot_take_is_refused_with_the_numbers(string prompt, int maxTokens, int status, string param, string? code, string message)
    {
        var error = Refused(Request() with { Prompt = prompt, MaxTokens = maxTokens });
        Assert.Equal(status, error.Status);
        Assert.Equal(param, error.Param);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        if (code is not null)
        {
            Assert.Equal(code, error.Code);
        }
    }

    [Fact]
    public void A_prompt_at_or_over_the_context_is_context_length_exceeded()
    {
        var error = Refused(Request() with { Prompt = new string('x', 32), MaxTokens = 1 });
        Assert.Equal(("prompt", "context_length_exceeded"), (error.Param, error.Code));
        Assert.Contains("maximum context length is 32 tokens (prompt + completion), but the prompt has 32 tokens", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Another_model_is_a_404_naming_the_served_one()
    {
        var error = Refused(Request() with { Model = "gpt-4" });
        Assert.Equal((404, "model", "model_not_found"), (error.Status, error.Param, error.Code));
        Assert.Equal("The model `gpt-4` does not exist: this server serves `tiny`.", error.Message);
    }

    [Fact]
    public void The_servers_cap_and_sampling_ranges_are_checked()
    {
        var capped = Refused(Request() with { MaxTokens = 9 }, Model with { MaxTokensLimit = 8 });
        Assert.Equal("max_tokens is 9 but this server generates at most 8 tokens per request", capped.Message);
        Assert.Equal("temperature is -0.5: it must be 0 (greedy) or above", Refused(Request() with { Temperature = -0.5 }).Message);
        Assert.Equal("top_p is 0: it must be above 0 and at most 1 (1 = off)", Refused(Request() with { TopP = 0 }).Message);
        Assert.Equal("top_p", Refused(Request() with { TopP = 1.5 }).Param);
    }

    private static CompletionRequest Request() => new("tiny", "hi", null, 0, 1, null, [], false, false);

    private static CompletionPlan Plan(CompletionRequest request, ServedModelInfo? model = null)
    {
        Assert.True(CompletionPlan.TryCreate(request, model ?? Model, new CharTokenizer(), out var plan, out var error), error?.Message);
        return plan;
    }

    private static ApiError Refused(CompletionRequest request, ServedModelInfo? model = null)
    {
        Assert.False(CompletionPlan.TryCreate(request, model ?? Model, new CharTokenizer(), out _, out var error));
        return error;
    }
}

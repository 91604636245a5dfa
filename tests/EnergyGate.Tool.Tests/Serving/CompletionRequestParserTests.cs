using System.Text;
using EnergyGate.Tool.Serving;

namespace EnergyGate.Tool.Tests.Serving;

/// <summary>Each refused body gets a 400 naming the field and the reason; accepted ones map every field.</summary>
public sealed class CompletionRequestParserTests
{
    [Fact]
    public void A_full_request_maps_every_field()
    {
        var request = Parse("""
            {"model": "tiny", "prompt": ["def f():"], "max_tokens": 7, "temperature": 0.5, "top_p": 0.9, "seed": 3,
             "stop": ["\n\n", "def"], "stream": true, "stream_options": {"include_usage": true}, "user": "ignored", "n": 1}
            """);
        Assert.Equal(new CompletionRequest("tiny", "def f():", 7, 0.5, 0.9, 3, request.Stop, true, true), request);
        Assert.Equal(["\n\n", "def"], request.Stop);
    }

    [Fact]
    public void Absent_and_null_fields_take_OpenAIs_defaults()
    {
        var request = Parse("""{"model": "tiny", "prompt": "x", "max_tokens": null, "stop": null, "stream_options": {"include_usage": true}}""");
        Assert.Null(request.MaxTokens);
        Assert.Equal(1.0, request.Temperature);
        Assert.Equal(1.0, request.TopP);
        Assert.Null(request.Seed);
        Assert.Empty(request.Stop);
        Assert.False(request.Stream);
        Assert.False(request.IncludeUsage);   // usage chunks exist only in a stream
        Assert.Equal(["x"], Parse("""{"model": "tiny", "prompt": "a", "stop": "x"}""").Stop);
    }

    [Theory]
    [InlineData("", null, "invalid_json", "the request body is empty")]
    [InlineData("{\"model\": \"tiny\", \"prompt\": }", null, "invalid_json", "not valid JSON at line 1, byte 29: '}' is an invalid start of a value.")]
    [InlineData("{\"model\": \"tiny\",\n \"prompt\": \"x\"", null, "invalid_json", "not valid JSON at line 2")]
    [InlineData("[1, 2]", null, null, "must be a JSON object, not an array")]
    [InlineData("{\"prompt\": \"x\"}", "model", null, "model is required")]
    [InlineData("{\"model\": 3, \"prompt\": \"x\"}", "model", null, "model must be a string, not a number")]
    [InlineData("{\"model\": \"tiny\"}", "prompt", null, "prompt is required")]
    [InlineData("{\"model\": \"tiny\", \"prompt\": 5}", "prompt", null, "prompt must be a string or an array of one string, not a number")]
    [InlineData("{\"model\": \"tiny\", \"prompt\": [\"a\", \"b\"]}", "prompt", null, "prompt is an array of 2 strings: this server completes one prompt per request")]
    [InlineData("{\"model\": \"tiny\", \"prompt\": []}", "prompt", null, "prompt is an array of 0 strings")]
    [InlineData("{\"model\": \"tiny\", \"prompt\": [1, 2]}", "prompt", null, "token-id prompts are not supported")]
    [InlineData("{\"model\": \"tiny\", \"prompt\": \"x\", \"max_tokens\": \"8\"}", "max_tokens", null, "max_tokens must be an integer, not a string")]
    [InlineData("{\"model\": \"tiny\", \"prompt\": \"x\", \"max_tokens\": 2.5}", "max_tokens", null, "max_tokens must be a whole number from -2147483648 to 2147483647 (got 2.5)")]
    [InlineData("{\"model\": \"tiny\", \"prompt\": \"x\", \"max_tokens\": 10000000000}", "max_tokens", null, "(got 10000000000)")]
    [InlineData("{\"model\": \"tiny\", \"prompt\": \"x\", \"temperature\": \"hot\"}", "temperature", null, "temperature must be a number, not a string")]
    [InlineData("{\"model\": \"tiny\", \"prompt\": \"x\", \"top_p\": true}", "top_p", null, "top_p must be a number, not a boolean")]
    [InlineData("{\"model\": \"tiny\", \"prompt\": \"x\", \"seed\": 1.5}", "seed", null, "seed must be a whole number")]
    [InlineData("{\"model\": \"tiny\", \"prompt\": \"x\", \"stop\": 3}", "stop", null, "stop must be a string or an array of strings, not a number")]
    [InlineData("{\"model\": \"tiny\", \"prompt\": \"x\", \"stop\": [\"a\", 3]}", "stop", null, "stop[1] must be a string, not a number")]
    [InlineData("{\"model\": \"tiny\", \"prompt\": \"x\", \"stop\": [\"a\", \"\"]}", "stop", null, "stop[1] is an empty string")]
    [InlineData("{\"model\": \"tiny\", \"prompt\": \"x\", \"stop\": \"\"}", "stop", null, "stop is an empty string")]
    [InlineData("{\"model\": \"tiny\", \"prompt\": \"x\", \"stream\": \"yes\"}", "stream", null, "stream must be true or false, not a string")]
    [InlineData("{\"model\": \"tiny\", \"prompt\": \"x\", \"stream\": true, \"stream_options\": 1}", "stream_options", null, "stream_options must be an object")]
    [InlineData("{\"model\": \"tiny\", \"prompt\": \"x\", \"stream\": true, \"stream_options\": {\"include_usage\": 1}}", "stream_options.include_usage", null, "stream_options.include_usage must be true or false")]
    [InlineData("{\"model\": \"tiny\", \"prompt\": \"x\", \"n\": 2}", "n", null, "n is 2: this server returns one choice per request")]
    public void A_bad_body_is_a_400_naming_the_field(string body, string? param, string? code, string message)
    {
        Assert.False(CompletionRequestParser.TryParse(Encoding.UTF8.GetBytes(body), out _, out var error));
        Assert.Equal(400, error.Status);
        Assert.Equal(ApiError.InvalidRequest, error.Type);
        Assert.Equal(param, error.Param);
        Assert.Equal(code, error.Code);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_error_body_has_OpenAIs_shape()
    {
        var json = Encoding.UTF8.GetString(ApiError.BadRequest("max_tokens is 0 <1>", "max_tokens", "invalid_value").ToJson());
        Assert.Equal("""{"error":{"message":"max_tokens is 0 <1>","type":"invalid_request_error","param":"max_tokens","code":"invalid_value"}}""", json);
    }

    private static CompletionRequest Parse(string body)
    {
        Assert.True(CompletionRequestParser.TryParse(Encoding.UTF8.GetBytes(body), out var request, out var error), error?.Message);
        return request;
    }
}

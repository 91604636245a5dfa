using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace EnergyGate.Tool.Tests.Serving;

/// <summary>What a client received for one completion: the text, the finish reason, the usage and the stream's chunks.</summary>
internal sealed record Received(string Text, string? FinishReason, int PromptTokens, int CompletionTokens, int TextChunks);

/// <summary>An OpenAI client in miniature: non-streamed and streamed completions, read as a client reads them.</summary>
internal static class ServeClient
{
    public static HttpClient Http(Uri baseUrl) => new() { BaseAddress = new Uri(baseUrl + "/"), Timeout = TimeSpan.FromMinutes(5) };

    public static StringContent Json(JsonObject body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");

    /// <summary>POSTs a completion without streaming and reads its JSON.</summary>
    public static async Task<Received> CompleteAsync(HttpClient http, JsonObject body)
    {
        using var response = await http.PostAsync("completions", Json(body));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        var json = JsonNode.Parse(text)!;
        Assert.Equal("text_completion", (string?)json["object"]);
        var choice = json["choices"]![0]!;
        Assert.Null(choice["logprobs"]);
        var usage = json["usage"]!;
        Assert.Equal((int)usage["prompt_tokens"]! + (int)usage["completion_tokens"]!, (int)usage["total_tokens"]!);
        return new((string)choice["text"]!, (string?)choice["finish_reason"], (int)usage["prompt_tokens"]!, (int)usage["completion_tokens"]!, 0);
    }

    /// <summary>POSTs a streamed completion (usage included) and reads its events up to [DONE].</summary>
    public static async Task<Received> StreamAsync(HttpClient http, JsonObject body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "completions") { Content = Json(body) };
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var (text, chunks, finish, usage) = (new StringBuilder(), 0, (string?)null, (JsonNode?)null);
        var ids = new HashSet<string>();
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }
            Assert.StartsWith("data: ", line, StringComparison.Ordinal);
            var data = line["data: ".Length..];
            if (data == "[DONE]")
            {
                Assert.Null(await reader.ReadLineAsync() is { Length: > 0 } extra ? extra : null);
                break;
            }
            var json = JsonNode.Parse(data)!;
            ids.Add((string)json["id"]!);
            Assert.Equal("text_completion", (string?)json["object"]);
            var choices = json["choices"]!.AsArray();
            if (choices.Count == 0)
            {
                usage = json["usage"];   // the usage chunk comes last, after the finish reason
                Assert.NotNull(finish);
                continue;
            }
            Assert.Null(finish);          // nothing follows the finish chunk but usage
            text.Append((string)choices[0]!["text"]!);
            finish = (string?)choices[0]!["finish_reason"];
            chunks += finish is null ? 1 : 0;
        }
        Assert.Single(ids);
        Assert.NotNull(usage);
        return new(text.ToString(), finish, (int)usage["prompt_tokens"]!, (int)usage["completion_tokens"]!, chunks);
    }

    /// <summary>POSTs a raw body and returns the status and the OpenAI error object.</summary>
    public static async Task<(int Status, JsonNode Error)> ErrorAsync(HttpClient http, string body, HttpMethod? method = null, string path = "completions")
    {
        using var request = new HttpRequestMessage(method ?? HttpMethod.Post, path);
        if (method is null || method == HttpMethod.Post)
        {
            request.Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
        }
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return ((int)response.StatusCode, JsonNode.Parse(text)!["error"]!);
    }
}

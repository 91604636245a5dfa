using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using EnergyGate.Core.Generation;

namespace EnergyGate.Core.Runtimes.Served;

/// <summary>The body and headers of one streamed <c>/v1/completions</c> request.</summary>
internal static class CompletionRequest
{
    /// <summary>
    /// A POST of <paramref name="prompt"/> with the decoding settings the OpenAI API names; top-k is not
    /// one of them, so it is sent (as vLLM and llama.cpp's server read it) only when set.
    /// </summary>
    public static HttpRequestMessage Create(Uri url, string model, string prompt, GenerationSettings settings, string? apiKey)
    {
        var body = new JsonObject
        {
            ["model"] = model,
            ["prompt"] = prompt,
            ["max_tokens"] = settings.MaxNewTokens,
            ["temperature"] = settings.Temperature,
            ["top_p"] = settings.TopP,
            ["seed"] = settings.Seed,
            ["stream"] = true,
            ["stream_options"] = new JsonObject { ["include_usage"] = true },
        };
        if (settings.StopStrings.Count > 0)
        {
            body["stop"] = new JsonArray([.. settings.StopStrings.Select(s => JsonValue.Create(s))]);
        }
        if (settings.TopK > 0)
        {
            body["top_k"] = settings.TopK;
        }
        var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (!string.IsNullOrEmpty(apiKey))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }
        return request;
    }
}

using System.Text.Json.Nodes;
using EnergyGate.Core.Configuration;
using EnergyGate.Core.Generation;
using EnergyGate.Core.Models;
using EnergyGate.Core.Runtimes;

namespace EnergyGate.Tool.Tests.Serving;

/// <summary>One `serve` of the built-in tiny model on ONNX Runtime's CPU provider, shared by the tests of its API.</summary>
public sealed class ServedTinyModel : IAsyncLifetime
{
    public string CacheDir { get; } = Directory.CreateTempSubdirectory("energygate-serve-").FullName;

    internal ServeHost Host { get; private set; } = null!;

    internal HttpClient Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = await ServeHost.StartAsync("--model", "builtin:tiny", "--runtime", "onnx", "--provider", "cpu", "--threads", "1", "--max-batch", "4", "--cache-dir", CacheDir);
        Http = ServeClient.Http(Host.BaseUrl);
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Host.DisposeAsync();
        Directory.Delete(CacheDir, recursive: true);
    }

    /// <summary>What Core's one-sequence <see cref="Generator"/> gives on a session of the same runtime and model.</summary>
    public async Task<GenerationResult> GreedyAsync(string prompt, int maxTokens, IReadOnlyList<string> stop)
    {
        var factory = RuntimeRegistry.Get("onnx");
        var runtime = RuntimeSettings.OnnxCpu with { Threads = 1 };
        var loaded = LoadedModel.Load(await ModelLocator.LocateAsync(ModelSettings.BuiltinTiny, CacheDir), factory);
        using var session = factory.Open(factory.PrepareModel(loaded.Model, runtime), runtime);
        return new Generator().Generate(session, loaded.Tokenizer, prompt, new GenerationSettings { MaxNewTokens = maxTokens, StopStrings = stop });
    }
}

/// <summary>The completions API end to end on a real runtime: concurrency, streaming, errors, a client that leaves.</summary>
public sealed class ServeEndToEndTests(ServedTinyModel served) : IClassFixture<ServedTinyModel>
{
    private static readonly string[] Prompts = ["def add(a, b):\n", "import os\n\ndef main():", "class Stack:\n    def push(self, x):", "# sort a list\n"];

    [Fact]
    public void The_startup_line_names_the_model_the_session_and_how_it_batches()
    {
        // Until the onnx package has its batch session, the runtime serves one sequence at a time and says why.
        Assert.Matches(@"^serving tiny \(onnx/cpu builtin-tiny-\w+, (continuous batching, up to 4 sequences|one sequence at a time: .+)\) at http://127\.0\.0\.1:\d+/v1$", served.Host.StartupLine);
    }

    [Fact]
    public async Task Concurrent_greedy_streams_equal_the_whole_completion_and_Cores_generator()
    {
        // A stop string taken from the middle of each unconstrained completion, so stop strings that
        // span tokens are exercised too (the stream must hold their first characters back).
        var cases = new List<(string Prompt, string[] Stop, GenerationResult Expected)>();
        foreach (var prompt in Prompts)
        {
            var free = await served.GreedyAsync(prompt, 24, []);
            string[] stop = free.Completion.Length > 12 ? [free.Completion.Substring(8, 3)] : [];
            cases.Add((prompt, stop, await served.GreedyAsync(prompt, 24, stop)));
        }
        var streams = cases.Select(c => ServeClient.StreamAsync(served.Http, Body(c.Prompt, 24, c.Stop, stream: true))).ToArray();
        var received = await Task.WhenAll(streams);
        for (var i = 0; i < cases.Count; i++)
        {
            var (prompt, stop, expected) = cases[i];
            var whole = await ServeClient.CompleteAsync(served.Http, Body(prompt, 24, stop, stream: false));
            Assert.Equal(expected.Completion, received[i].Text);
            Assert.Equal(expected.Completion, whole.Text);
            var reason = expected.StopReason is StopReason.MaxNewTokens or StopReason.ContextFull ? "length" : "stop";
            Assert.Equal(reason, received[i].FinishReason);
            Assert.Equal(reason, whole.FinishReason);
            Assert.Equal((expected.PromptTokenCount, expected.GeneratedTokenCount), (received[i].PromptTokens, received[i].CompletionTokens));
            Assert.Equal((expected.PromptTokenCount, expected.GeneratedTokenCount), (whole.PromptTokens, whole.CompletionTokens));
            Assert.True(received[i].TextChunks > 1, $"one chunk per token that released text, got {received[i].TextChunks}");
        }
        Assert.Contains(cases, c => c.Expected.StopReason == StopReason.StopString);
    }

    [Fact]
    public async Task Bad_requests_get_OpenAIs_errors_and_the_server_serves_on()
    {
        var malformed = await ServeClient.ErrorAsync(served.Http, """{"model": "tiny", "prompt": "x",""");
        Assert.Equal((400, "invalid_json", "invalid_request_error"), (malformed.Status, (string?)malformed.Error["code"], (string?)malformed.Error["type"]));
        Assert.Contains("not valid JSON at line 1, byte 32: Expected start of a property name or value, but instead reached end of data", (string?)malformed.Error["message"], StringComparison.Ordinal);

        var unknown = await ServeClient.ErrorAsync(served.Http, """{"model": "gpt-4", "prompt": "x"}""");
        Assert.Equal((404, "model_not_found"), (unknown.Status, (string?)unknown.Error["code"]));
        Assert.Equal("The model `gpt-4` does not exist: this server serves `tiny`.", (string?)unknown.Error["message"]);

        var longPrompt = await ServeClient.ErrorAsync(served.Http, new JsonObject { ["model"] = "tiny", ["prompt"] = string.Concat(Enumerable.Repeat("def f(x): return x\n", 200)) }.ToJsonString());
        Assert.Equal((400, "context_length_exceeded", "prompt"), (longPrompt.Status, (string?)longPrompt.Error["code"], (string?)longPrompt.Error["param"]));
        Assert.Contains("maximum context length is 512 tokens", (string?)longPrompt.Error["message"], StringComparison.Ordinal);

        var tooMany = await ServeClient.ErrorAsync(served.Http, """{"model": "tiny", "prompt": "def f():", "max_tokens": 1000000000}""");
        Assert.Equal((400, "max_tokens"), (tooMany.Status, (string?)tooMany.Error["param"]));
        Assert.Matches(@"maximum context length is 512 tokens, but you requested \d+ tokens \(\d+ in the prompt, 1000000000 for the completion\): set max_tokens to at most \d+", (string?)tooMany.Error["message"]);

        var wrongMethod = await ServeClient.ErrorAsync(served.Http, "", HttpMethod.Get);
        Assert.Equal((405, "method_not_allowed"), (wrongMethod.Status, (string?)wrongMethod.Error["code"]));
        var wrongPath = await ServeClient.ErrorAsync(served.Http, "{}", path: "chat/completions");
        Assert.Equal((404, "not_found"), (wrongPath.Status, (string?)wrongPath.Error["code"]));

        var good = await ServeClient.CompleteAsync(served.Http, Body(Prompts[0], 5, [], stream: false));
        Assert.Equal(5, good.CompletionTokens);
        Assert.Equal("length", good.FinishReason);
    }

    [Fact]
    public async Task Models_and_health_answer()
    {
        var models = JsonNode.Parse(await served.Http.GetStringAsync("models"))!;
        Assert.Equal("list", (string?)models["object"]);
        Assert.Equal("tiny", (string?)models["data"]![0]!["id"]);
        using var health = new HttpClient();
        Assert.Equal("ok", await health.GetStringAsync(new Uri(served.Host.BaseUrl, "/health")));
    }

    [Fact]
    public async Task A_client_that_leaves_mid_stream_does_not_stop_the_server()
    {
        using (var leave = new CancellationTokenSource())
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "completions") { Content = ServeClient.Json(Body(Prompts[1], 480, [], stream: true)) };
            using var response = await served.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, leave.Token);
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(leave.Token));
            Assert.StartsWith("data: {", await reader.ReadLineAsync(leave.Token), StringComparison.Ordinal);
            await leave.CancelAsync();
        }
        var after = await ServeClient.StreamAsync(served.Http, Body(Prompts[0], 6, [], stream: true));
        Assert.Equal(6, after.CompletionTokens);
        Assert.Empty(served.Host.Error);
    }

    private static JsonObject Body(string prompt, int maxTokens, string[] stop, bool stream) => new()
    {
        ["model"] = "tiny",
        ["prompt"] = prompt,
        ["max_tokens"] = maxTokens,
        ["temperature"] = 0,
        ["stop"] = new JsonArray([.. stop.Select(s => (JsonNode)s)]),
        ["stream"] = stream,
        ["stream_options"] = stream ? new JsonObject { ["include_usage"] = true } : null,
    };
}

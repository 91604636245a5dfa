using System.Net;
using System.Text.Json.Nodes;
using EnergyGate.Core.Generation.Batching;
using EnergyGate.Tool.Serving;

namespace EnergyGate.Tool.Tests.Serving;

/// <summary>The server over a model without weights: a failing step is a 500 for its requests only, and batches fill as requests arrive.</summary>
public sealed class ServerFailureTests
{
    [Fact]
    public async Task A_failing_generation_is_a_500_and_the_server_serves_on()
    {
        var log = new StringWriter();
        await using var server = await Start(new FakeBatchSession(1), log);
        using var http = ServeClient.Http(server.BaseUrl);

        var failed = await ServeClient.ErrorAsync(http, Body("a!b", stream: false).ToJsonString());
        Assert.Equal((500, "generation_failed", "server_error"), (failed.Status, (string?)failed.Error["code"], (string?)failed.Error["type"]));
        Assert.Equal("generation failed: the fake runtime ran out of memory", (string?)failed.Error["message"]);
        var failedStream = await ServeClient.ErrorAsync(http, Body("!", stream: true).ToJsonString());
        Assert.Equal(500, failedStream.Status);   // no token was sent yet, so the status can still say so

        var good = await ServeClient.StreamAsync(http, Body("ab", stream: true));
        Assert.Equal("cdefg", good.Text);
        Assert.Equal(5, good.TextChunks);
        Assert.Contains("a generation step failed, ending the 1 request(s) in it: InvalidOperationException: the fake runtime ran out of memory", log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Requests_share_the_batch_and_each_gets_its_own_text()
    {
        await using var server = await Start(new FakeBatchSession(4), TextWriter.Null);
        using var http = ServeClient.Http(server.BaseUrl);
        var prompts = Enumerable.Range(0, 12).Select(i => ((char)('a' + i)).ToString()).ToArray();
        var received = await Task.WhenAll(prompts.Select(p => ServeClient.StreamAsync(http, Body(p, stream: true))));
        for (var i = 0; i < prompts.Length; i++)
        {
            Assert.Equal(string.Concat(Enumerable.Range(1, 5).Select(k => (char)(prompts[i][0] + k))), received[i].Text);
            Assert.Equal((1, 5), (received[i].PromptTokens, received[i].CompletionTokens));
        }
        Assert.Equal(0, server.InFlight);
    }

    private static Task<CompletionServer> Start(FakeBatchSession session, TextWriter log) =>
        CompletionServer.StartAsync(
            new ServedModel("letters", session, new CharTokenizer(), new BatchOptions(session.MaxBatchSize, Continuous: true), "fake"),
            new ServerOptions(IPAddress.Loopback, 0, TimeSpan.FromSeconds(30), null), log, CancellationToken.None);

    private static JsonObject Body(string prompt, bool stream) => new()
    {
        ["model"] = "letters",
        ["prompt"] = prompt,
        ["max_tokens"] = 5,
        ["temperature"] = 0,
        ["stream"] = stream,
        ["stream_options"] = stream ? new JsonObject { ["include_usage"] = true } : null,
    };
}

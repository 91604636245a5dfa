using System.Net;
using System.Net.Sockets;

namespace EnergyGate.Tool.Tests;

/// <summary>`datasets pull` against a local server in the upstream URL layout, then scoring from the cache.</summary>
public sealed class DatasetsCommandTests
{
    [Fact]
    public async Task Pull_then_list_then_score_from_the_cache()
    {
        var bytes = await File.ReadAllBytesAsync(Path.Combine(ToolRunner.HumanEvalDir, "HumanEval.jsonl.gz"));
        var cache = Directory.CreateTempSubdirectory("energygate-cache-").FullName;
        var listener = StartListener(out var baseUrl);
        var serving = Task.Run(async () =>
        {
            var context = await listener.GetContextAsync();
            var found = context.Request.Url!.AbsolutePath == "/openai/human-eval/raw/master/data/HumanEval.jsonl.gz";
            context.Response.StatusCode = found ? 200 : 404;
            if (found)
            {
                context.Response.ContentLength64 = bytes.Length;
                await context.Response.OutputStream.WriteAsync(bytes);
            }
            context.Response.Close();
        });
        try
        {
            var pull = await ToolRunner.RunAsync("datasets", "pull", "humaneval", "--base-url", baseUrl, "--cache-dir", cache);
            await serving;
            Assert.True(pull.ExitCode == 0, pull.Error);
            Assert.Contains("downloaded and verified", pull.Output, StringComparison.Ordinal);

            var list = await ToolRunner.RunAsync("datasets", "list", "--cache-dir", cache);
            Assert.Contains("humaneval\t" + bytes.Length + " bytes\tverified", list.Output, StringComparison.Ordinal);

            var score = await ToolRunner.RunAsync("score", "humaneval", "--reference", "--cache-dir", cache, "--format", "json");
            Assert.True(score.ExitCode == 0, score.Error);
            Assert.Contains("\"passed\": 164", score.Output, StringComparison.Ordinal);
        }
        finally
        {
            listener.Stop();
            try
            {
                listener.Close();
            }
            catch (HttpListenerException)
            {
                // See LocalHttpServer in the Core tests: Close can fail spuriously while other listeners start.
            }
            Directory.Delete(cache, recursive: true);
        }
    }

    [Fact]
    public async Task Scoring_humaneval_with_an_empty_cache_says_what_to_run()
    {
        var cache = Directory.CreateTempSubdirectory("energygate-cache-").FullName;
        try
        {
            var run = await ToolRunner.RunAsync("score", "humaneval", "--reference", "--cache-dir", cache);
            Assert.Equal(2, run.ExitCode);
            Assert.Contains("dotnet energygate datasets pull humaneval", run.Error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(cache, recursive: true);
        }
    }

    private static HttpListener StartListener(out string baseUrl)
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        baseUrl = $"http://127.0.0.1:{port}/";
        var listener = new HttpListener();
        listener.Prefixes.Add(baseUrl);
        listener.Start();
        return listener;
    }
}

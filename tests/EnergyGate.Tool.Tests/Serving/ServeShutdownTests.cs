using System.Text.Json.Nodes;

namespace EnergyGate.Tool.Tests.Serving;

/// <summary>Ctrl-C (the verb's token) while a request streams: the request finishes, then serve exits 0.</summary>
public sealed class ServeShutdownTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("energygate-serve-stop-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Stopping_lets_the_request_in_flight_finish_then_exits_0()
    {
        await using var host = await ServeHost.StartAsync("--cache-dir", _dir, "--threads", "1", "--drain-seconds", "300");
        using var http = ServeClient.Http(host.BaseUrl);
        var body = new JsonObject { ["model"] = "tiny", ["prompt"] = "def add(a, b):", ["max_tokens"] = 400, ["temperature"] = 0, ["stream"] = true };
        using var request = new HttpRequestMessage(HttpMethod.Post, "completions") { Content = ServeClient.Json(body) };
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        Assert.StartsWith("data: {", await reader.ReadLineAsync(), StringComparison.Ordinal);

        var stopped = host.StopAsync();
        var rest = await reader.ReadToEndAsync();
        Assert.Equal(0, await stopped);
        Assert.EndsWith("data: [DONE]\n\n", rest, StringComparison.Ordinal);
        Assert.Contains("\"finish_reason\":\"length\"", rest, StringComparison.Ordinal);
        Assert.Contains("energygate: serve: stopping", host.Error, StringComparison.Ordinal);
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => http.GetStringAsync(new Uri(host.BaseUrl, "/health")));
    }
}

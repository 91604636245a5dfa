using System.Net;
using EnergyGate.Core.Datasets;
using EnergyGate.Core.Suites.HumanEval;
using EnergyGate.Core.Tests.TestSupport;

namespace EnergyGate.Core.Tests.Datasets;

public sealed class DatasetDownloaderTests : IDisposable
{
    // Mirrors the path of the real URL, so WithBaseUrl is exercised the way a mirror would use it.
    private const string UpstreamPath = "/openai/human-eval/raw/master/data/HumanEval.jsonl.gz";

    private static readonly byte[] RealBytes = File.ReadAllBytes(RepoPaths.HumanEvalFile);

    private readonly TempDir _cache = new();
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(30));
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(20) };

    public void Dispose()
    {
        _http.Dispose();
        _timeout.Dispose();
        _cache.Dispose();
    }

    [Fact]
    public async Task PullsVerifiesAndCachesTheFile()
    {
        await using var server = LocalHttpServer.Start(ctx => Serve(ctx, RealBytes));
        var progress = new ListProgress();

        var path = await Pull(server, progress);

        Assert.Equal(new DatasetCache(_cache.Path).PathFor(KnownDatasets.HumanEval), path);
        Assert.Equal(RealBytes, await File.ReadAllBytesAsync(path));
        Assert.Equal(164, HumanEvalLoader.Load(path).Count);
        Assert.Equal([Path.Combine("datasets", "humaneval", "HumanEval.jsonl.gz")], _cache.AllFiles());
        var cached = Assert.Single(await new DatasetCache(_cache.Path).ListAsync());
        Assert.True(cached.Verified);
        Assert.Equal(RealBytes.Length, cached.SizeBytes);

        Assert.Equal(new DownloadProgress(0, RealBytes.Length), progress.Items[0]);
        Assert.Equal(new DownloadProgress(RealBytes.Length, RealBytes.Length), progress.Items[^1]);
        Assert.Equal(progress.Items.Select(p => p.BytesReceived).Order(), progress.Items.Select(p => p.BytesReceived));
    }

    [Fact]
    public async Task LeftoversOfAKilledPullAreRemovedByTheNextPull()
    {
        var folder = Path.GetDirectoryName(new DatasetCache(_cache.Path).PathFor(KnownDatasets.HumanEval))!;
        Directory.CreateDirectory(folder);
        var stale = Path.Combine(folder, ".HumanEval.jsonl.gz.0123456789abcdef.partial");
        await File.WriteAllBytesAsync(stale, [1, 2, 3]);
        await using var server = LocalHttpServer.Start(ctx => Serve(ctx, RealBytes));

        await Pull(server, new ListProgress());

        // Listed in the message: this failed once in a full parallel run and never again in many reruns.
        var files = string.Join(", ", _cache.AllFiles());
        Assert.False(File.Exists(stale), files);
        Assert.True(_cache.AllFiles().SequenceEqual([Path.Combine("datasets", "humaneval", "HumanEval.jsonl.gz")]), files);
    }

    [Fact]
    public async Task WithoutContentLengthProgressHasNoTotal()
    {
        await using var server = LocalHttpServer.Start(ctx => Serve(ctx, RealBytes, chunked: true));
        var progress = new ListProgress();

        await Pull(server, progress);

        Assert.All(progress.Items, p => Assert.Null(p.TotalBytes));
        Assert.Equal(RealBytes.Length, progress.Items[^1].BytesReceived);
    }

    [Fact]
    public async Task CorruptedBytesAreRejectedAndNothingIsCached()
    {
        var corrupted = (byte[])RealBytes.Clone();
        corrupted[corrupted.Length / 2] ^= 0xff;
        await using var server = LocalHttpServer.Start(ctx => Serve(ctx, corrupted));

        var ex = await Assert.ThrowsAsync<EnergyGateException>(() => Pull(server));

        Assert.Contains($"expected {KnownDatasets.HumanEval.Sha256}", ex.Message, StringComparison.Ordinal);
        Assert.Contains(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(corrupted)), ex.Message, StringComparison.Ordinal);
        Assert.Empty(_cache.AllFiles());
    }

    [Fact]
    public async Task FailedPullKeepsThePreviouslyCachedFile()
    {
        var target = new DatasetCache(_cache.Path).PathFor(KnownDatasets.HumanEval);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        await File.WriteAllBytesAsync(target, RealBytes);
        await using var server = LocalHttpServer.Start(ctx => Serve(ctx, [1, 2, 3]));

        await Assert.ThrowsAsync<EnergyGateException>(() => Pull(server));

        Assert.Equal(RealBytes, await File.ReadAllBytesAsync(target));
        Assert.Single(_cache.AllFiles());
    }

    [Fact]
    public async Task TruncatedBodyIsRejectedAndNothingIsCached()
    {
        var sent = RealBytes.Length / 2;
        await using var server = LocalHttpServer.Start(async ctx =>
        {
            ctx.Response.ContentLength64 = RealBytes.Length;
            await ctx.Response.OutputStream.WriteAsync(RealBytes.AsMemory(0, sent));
            await ctx.Response.OutputStream.FlushAsync();
            ctx.Response.Abort();
        });

        var ex = await Assert.ThrowsAsync<EnergyGateException>(() => Pull(server));

        Assert.Contains(UpstreamPath, ex.Message, StringComparison.Ordinal);
        Assert.Contains($"expected {RealBytes.Length}", ex.Message, StringComparison.Ordinal);
        Assert.Empty(_cache.AllFiles());
    }

    [Fact]
    public async Task NotFoundNamesTheUrl()
    {
        await using var server = LocalHttpServer.Start(ctx =>
        {
            ctx.Response.StatusCode = 404;
            return Task.CompletedTask;
        });

        var ex = await Assert.ThrowsAsync<EnergyGateException>(() => Pull(server));

        Assert.Equal($"downloading {server.BaseUrl.AbsoluteUri.TrimEnd('/')}{UpstreamPath} failed: HTTP 404 Not Found", ex.Message);
        Assert.Empty(_cache.AllFiles());
    }

    [Fact]
    public async Task ConnectionRefusedNamesTheUrl()
    {
        var url = new Uri($"http://127.0.0.1:{LocalHttpServer.FreePort()}/");
        var dataset = KnownDatasets.HumanEval.WithBaseUrl(url);

        var ex = await Assert.ThrowsAsync<EnergyGateException>(
            () => new DatasetDownloader(_http).PullAsync(dataset, _cache.Path, null, _timeout.Token));

        Assert.StartsWith($"downloading {dataset.Url} failed: ", ex.Message, StringComparison.Ordinal);
        Assert.Empty(_cache.AllFiles());
    }

    private Task<string> Pull(LocalHttpServer server, IProgress<DownloadProgress>? progress = null) =>
        new DatasetDownloader(_http).PullAsync(
            KnownDatasets.HumanEval.WithBaseUrl(server.BaseUrl), _cache.Path, progress, _timeout.Token);

    private static async Task Serve(HttpListenerContext ctx, byte[] bytes, bool chunked = false)
    {
        if (ctx.Request.Url?.AbsolutePath != UpstreamPath)
        {
            ctx.Response.StatusCode = 404;
            return;
        }
        if (chunked)
        {
            ctx.Response.SendChunked = true;
        }
        else
        {
            ctx.Response.ContentLength64 = bytes.Length;
        }
        // Several writes, so the client sees the body arrive in pieces.
        foreach (var chunk in bytes.Chunk(8192))
        {
            await ctx.Response.OutputStream.WriteAsync(chunk);
        }
    }

    private sealed class ListProgress : IProgress<DownloadProgress>
    {
        public List<DownloadProgress> Items { get; } = [];

        public void Report(DownloadProgress value) => Items.Add(value);
    }
}

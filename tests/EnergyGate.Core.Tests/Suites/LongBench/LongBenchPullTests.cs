using System.Net;
using System.Security.Cryptography;
using EnergyGate.Core.Datasets;
using EnergyGate.Core.Suites.LongBench;
using EnergyGate.Core.Tests.TestSupport;

namespace EnergyGate.Core.Tests.Suites.LongBench;

/// <summary>
/// data.zip has no published checksum: the first pull records one, every later use verifies against it.
/// A local server stands in for the hub, at the real URL path.
/// </summary>
public sealed class LongBenchPullTests : IDisposable
{
    private const string UpstreamPath = "/datasets/THUDM/LongBench/resolve/main/data.zip";

    private static readonly byte[] Zip = LongBenchTestData.DataZip();
    private static readonly string ZipSha = Convert.ToHexStringLower(SHA256.HashData(Zip));
    private static readonly string DataFile = Path.Combine("datasets", "longbench", "data.zip");

    private readonly TempDir _dir = new();
    private readonly DatasetCache _cache;
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(30));
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(20) };

    public LongBenchPullTests() => _cache = new DatasetCache(_dir.Path);

    public void Dispose()
    {
        _http.Dispose();
        _timeout.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public void Descriptor_has_no_pinned_checksum_and_the_hub_url()
    {
        Assert.True(KnownDatasets.LongBench.TrustOnFirstUse);
        Assert.False(KnownDatasets.HumanEval.TrustOnFirstUse);
        Assert.Equal("https://huggingface.co" + UpstreamPath, KnownDatasets.LongBench.Url.AbsoluteUri);
        Assert.Same(KnownDatasets.LongBench, KnownDatasets.Find("LongBench"));
    }

    [Fact]
    public async Task First_pull_records_the_checksum_and_later_loads_verify_it()
    {
        await using var server = LocalHttpServer.Start(ctx => Serve(ctx, Zip));

        var path = await Pull(server);

        Assert.Equal(_cache.PathFor(KnownDatasets.LongBench), path);
        Assert.Equal([DataFile, DataFile + ".sha256"], _dir.AllFiles().Order());
        Assert.Equal($"{ZipSha}  data.zip\n", await File.ReadAllTextAsync(_cache.RecordedSha256PathFor(KnownDatasets.LongBench)));
        var listed = Assert.Single(await _cache.ListAsync(), c => c.Dataset == KnownDatasets.LongBench);
        Assert.True(listed.Verified);
        Assert.Equal(ZipSha, listed.RecordedSha256);

        var records = await LongBenchSuite.LoadAsync("repobench-p", dataDir: null, _cache, _timeout.Token);
        Assert.Equal(["rb-0001", "rb-0002"], records.Select(r => r.Id));
        Assert.Equal(1, server.Requests);
    }

    [Fact]
    public async Task Tampered_cached_file_is_rejected_with_a_re_pull_hint()
    {
        await using var server = LocalHttpServer.Start(ctx => Serve(ctx, Zip));
        var path = await Pull(server);
        var tampered = LongBenchTestData.Zip([("data/lcc.jsonl", LongBenchTestData.Line())]);
        await File.WriteAllBytesAsync(path, tampered);

        var ex = await Assert.ThrowsAsync<EnergyGateException>(() => LongBenchSuite.LoadAsync("lcc", null, _cache, _timeout.Token));

        Assert.Equal(
            $"{path}: sha256 is {Convert.ToHexStringLower(SHA256.HashData(tampered))}, recorded when it was downloaded {ZipSha}; the file changed, run `dotnet energygate datasets pull longbench` to download it again",
            ex.Message);
        Assert.False(Assert.Single(await _cache.ListAsync()).Verified);
    }

    [Fact]
    public async Task Cached_file_without_a_record_is_not_trusted()
    {
        await using var server = LocalHttpServer.Start(ctx => Serve(ctx, Zip));
        await Pull(server);
        File.Delete(_cache.RecordedSha256PathFor(KnownDatasets.LongBench));

        var ex = await Assert.ThrowsAsync<EnergyGateException>(() => LongBenchSuite.LoadAsync("lcc", null, _cache, _timeout.Token));

        Assert.Contains("no recorded sha256", ex.Message, StringComparison.Ordinal);
        Assert.Contains("datasets pull longbench", ex.Message, StringComparison.Ordinal);
        var listed = Assert.Single(await _cache.ListAsync());
        Assert.Null(listed.ExpectedSha256);
        Assert.False(listed.Verified);
    }

    [Fact]
    public async Task A_record_that_is_not_a_sha256_is_not_trusted()
    {
        await using var server = LocalHttpServer.Start(ctx => Serve(ctx, Zip));
        await Pull(server);
        await File.WriteAllTextAsync(_cache.RecordedSha256PathFor(KnownDatasets.LongBench), "not-a-hash  data.zip\n");

        var ex = await Assert.ThrowsAsync<EnergyGateException>(() => LongBenchSuite.LoadAsync("lcc", null, _cache, _timeout.Token));

        Assert.Contains("is missing or invalid", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_killed_pull_s_partial_record_is_swept_by_the_next_pull()
    {
        var folder = Path.GetDirectoryName(_cache.PathFor(KnownDatasets.LongBench))!;
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, ".data.zip.sha256.0123456789abcdef.partial"), "x");
        await using var server = LocalHttpServer.Start(ctx => Serve(ctx, Zip));

        await Pull(server);

        Assert.Equal([DataFile, DataFile + ".sha256"], _dir.AllFiles().Order());
    }

    [Fact]
    public async Task Re_pull_replaces_the_file_and_its_record()
    {
        var next = LongBenchTestData.Zip([("data/lcc.jsonl", LongBenchTestData.Line("new-1"))]);
        var responses = new Queue<byte[]>([Zip, next]);
        await using var server = LocalHttpServer.Start(ctx => Serve(ctx, responses.Dequeue()));
        await Pull(server);

        await Pull(server);

        Assert.StartsWith(Convert.ToHexStringLower(SHA256.HashData(next)), await File.ReadAllTextAsync(_cache.RecordedSha256PathFor(KnownDatasets.LongBench)), StringComparison.Ordinal);
        Assert.Equal("new-1", Assert.Single(await LongBenchSuite.LoadAsync("lcc", null, _cache, _timeout.Token)).Id);
        Assert.Equal(2, _dir.AllFiles().Count);
    }

    [Fact]
    public async Task Truncated_download_is_rejected_and_nothing_is_cached()
    {
        await using var server = LocalHttpServer.Start(async ctx =>
        {
            ctx.Response.ContentLength64 = Zip.Length;
            await ctx.Response.OutputStream.WriteAsync(Zip.AsMemory(0, Zip.Length / 2));
            await ctx.Response.OutputStream.FlushAsync();
            ctx.Response.Abort();
        });

        var ex = await Assert.ThrowsAsync<EnergyGateException>(() => Pull(server));

        Assert.Contains(UpstreamPath, ex.Message, StringComparison.Ordinal);
        Assert.Contains($"expected {Zip.Length}", ex.Message, StringComparison.Ordinal);
        Assert.Empty(_dir.AllFiles());
    }

    [Fact]
    public async Task Nothing_cached_says_to_pull_longbench()
    {
        var ex = await Assert.ThrowsAsync<EnergyGateException>(() => LongBenchSuite.LoadAsync("lcc", null, _cache, _timeout.Token));

        Assert.Contains("`dotnet energygate datasets pull longbench`", ex.Message, StringComparison.Ordinal);
    }

    private Task<string> Pull(LocalHttpServer server) =>
        new DatasetDownloader(_http).PullAsync(
            KnownDatasets.LongBench.WithBaseUrl(server.BaseUrl), _dir.Path, progress: null, _timeout.Token);

    private static async Task Serve(HttpListenerContext ctx, byte[] bytes)
    {
        if (ctx.Request.Url?.AbsolutePath != UpstreamPath)
        {
            ctx.Response.StatusCode = 404;
            return;
        }
        ctx.Response.ContentLength64 = bytes.Length;
        foreach (var chunk in bytes.Chunk(4096))
        {
            await ctx.Response.OutputStream.WriteAsync(chunk);
        }
    }
}

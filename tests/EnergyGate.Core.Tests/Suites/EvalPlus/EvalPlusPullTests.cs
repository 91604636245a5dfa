using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using EnergyGate.Core.Datasets;
using EnergyGate.Core.Suites;
using EnergyGate.Core.Suites.Definitions;
using EnergyGate.Core.Tests.TestSupport;

namespace EnergyGate.Core.Tests.Suites.EvalPlus;

/// <summary>
/// `datasets pull humaneval-plus|mbpp|mbpp-plus`: no published checksums, so the first pull records one and
/// loading from the cache verifies it. A local server stands in for GitHub at the real URL paths.
/// </summary>
public sealed class EvalPlusPullTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(30));
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(20) };

    public void Dispose()
    {
        _http.Dispose();
        _timeout.Dispose();
        _dir.Dispose();
    }

    [Theory]
    [InlineData("humaneval-plus", "/evalplus/humanevalplus_release/releases/download/v0.1.10/HumanEvalPlus-v0.1.10.jsonl.gz", "HumanEvalPlus-sample.jsonl", true)]
    [InlineData("mbpp-plus", "/evalplus/mbppplus_release/releases/download/v0.2.0/MbppPlus-v0.2.0.jsonl.gz", "MbppPlus-sample.jsonl", true)]
    [InlineData("mbpp", "/google-research/google-research/master/mbpp/mbpp.jsonl", "mbpp-sample.jsonl", false)]
    public async Task First_pull_records_the_checksum_and_the_suite_loads_the_verified_file(string name, string upstreamPath, string sample, bool gzip)
    {
        var dataset = KnownDatasets.Find(name);
        Assert.True(dataset.TrustOnFirstUse);
        Assert.Equal(upstreamPath, dataset.Url.AbsolutePath);
        var bytes = await File.ReadAllBytesAsync(EvalPlusScoringTests.Sample(sample));
        if (gzip)
        {
            using var packed = new MemoryStream();
            using (var zip = new GZipStream(packed, CompressionLevel.Fastest, leaveOpen: true))
            {
                zip.Write(bytes);
            }
            bytes = packed.ToArray();
        }
        await using var server = LocalHttpServer.Start(async ctx => await Serve(ctx, upstreamPath, bytes));

        await new DatasetDownloader(_http).PullAsync(dataset.WithBaseUrl(server.BaseUrl), _dir.Path, progress: null, _timeout.Token);

        var cache = new DatasetCache(_dir.Path);
        Assert.StartsWith(Convert.ToHexStringLower(SHA256.HashData(bytes)), await File.ReadAllTextAsync(cache.RecordedSha256PathFor(dataset)), StringComparison.Ordinal);
        var suite = (DatasetCodeSuite)SuiteDefinitions.Get(name);
        Assert.Same(dataset, suite.Dataset);
        var problems = await suite.LoadProblemsAsync(dataDir: null, cache, _timeout.Token);
        Assert.NotEmpty(problems);

        await File.AppendAllTextAsync(cache.PathFor(dataset), "\n");
        var tampered = await Assert.ThrowsAsync<EnergyGateException>(() => suite.LoadProblemsAsync(dataDir: null, cache, _timeout.Token));
        Assert.Contains($"run `dotnet energygate datasets pull {name}` to download it again", tampered.Message, StringComparison.Ordinal);
    }

    private static async Task Serve(HttpListenerContext ctx, string path, byte[] bytes)
    {
        if (ctx.Request.Url?.AbsolutePath != path)
        {
            ctx.Response.StatusCode = 404;
            return;
        }
        ctx.Response.ContentLength64 = bytes.Length;
        await ctx.Response.OutputStream.WriteAsync(bytes);
    }
}

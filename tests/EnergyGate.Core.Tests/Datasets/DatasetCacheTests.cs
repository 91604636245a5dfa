using EnergyGate.Core.Datasets;
using EnergyGate.Core.Tests.TestSupport;

namespace EnergyGate.Core.Tests.Datasets;

public sealed class DatasetCacheTests : IDisposable
{
    private static readonly DatasetDescriptor HumanEval = KnownDatasets.HumanEval;
    private readonly TempDir _dir = new();
    private readonly DatasetCache _cache;

    public DatasetCacheTests() => _cache = new DatasetCache(_dir.File("cache"));

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void LaysOutFilesByDatasetName()
    {
        Assert.Equal(Path.Combine(_dir.Path, "cache", "datasets", "humaneval", "HumanEval.jsonl.gz"), _cache.PathFor(HumanEval));
    }

    [Fact]
    public async Task ResolvesAVerifiedCachedFile()
    {
        PutInCache(File.ReadAllBytes(RepoPaths.HumanEvalFile));

        Assert.Equal(_cache.PathFor(HumanEval), await _cache.ResolveAsync(HumanEval, dataDir: null));
    }

    [Fact]
    public async Task DataDirComesBeforeTheCache()
    {
        PutInCache([1, 2, 3]);
        var dataDir = Path.GetDirectoryName(RepoPaths.HumanEvalFile)!;

        Assert.Equal(RepoPaths.HumanEvalFile, await _cache.ResolveAsync(HumanEval, dataDir));
    }

    [Fact]
    public async Task DataDirWithoutTheFileIsAnErrorNotAFallback()
    {
        PutInCache(File.ReadAllBytes(RepoPaths.HumanEvalFile));

        var ex = await Assert.ThrowsAsync<EnergyGateException>(() => _cache.ResolveAsync(HumanEval, _dir.Path));

        Assert.Contains($"--data-dir {_dir.Path} does not contain HumanEval.jsonl.gz", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingDatasetSaysHowToGetIt()
    {
        var ex = await Assert.ThrowsAsync<EnergyGateException>(() => _cache.ResolveAsync(HumanEval, dataDir: null));

        Assert.Contains("`dotnet energygate datasets pull humaneval`", ex.Message, StringComparison.Ordinal);
        Assert.Contains("--data-dir", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TamperedCachedFileIsRejectedAndListedAsUnverified()
    {
        PutInCache([1, 2, 3]);
        const string sha123 = "039058c6f2c0cb492c533b0a4d14ef77cc0f78abccced5287d84a1a2011cfb81";

        var ex = await Assert.ThrowsAsync<EnergyGateException>(() => _cache.ResolveAsync(HumanEval, dataDir: null));
        var listed = Assert.Single(await _cache.ListAsync());

        Assert.Contains($"sha256 is {sha123}, expected {HumanEval.Sha256}", ex.Message, StringComparison.Ordinal);
        Assert.Equal(new CachedDataset(HumanEval, _cache.PathFor(HumanEval), 3, sha123), listed);
        Assert.False(listed.Verified);
    }

    [Fact]
    public async Task EmptyOrMissingCacheListsNothing()
    {
        Assert.Empty(await _cache.ListAsync());
    }

    [Fact]
    public void KnownDatasetsFindsByNameAndListsValidNamesOtherwise()
    {
        Assert.Same(HumanEval, KnownDatasets.Find("HumanEval"));
        var ex = Assert.Throws<EnergyGateException>(() => KnownDatasets.Find("no-such-set"));
        Assert.Equal("unknown dataset `no-such-set`; valid names: humaneval, humaneval-plus, mbpp, mbpp-plus, longbench", ex.Message);
    }

    [Fact]
    public void MirrorKeepsTheUpstreamPath()
    {
        var mirrored = HumanEval.WithBaseUrl(new Uri("http://mirror.local/gh/"));

        Assert.Equal("http://mirror.local/gh/openai/human-eval/raw/master/data/HumanEval.jsonl.gz", mirrored.Url.AbsoluteUri);
        Assert.Equal(HumanEval with { Url = mirrored.Url }, mirrored);
    }

    private void PutInCache(byte[] bytes)
    {
        var path = _cache.PathFor(HumanEval);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
    }
}

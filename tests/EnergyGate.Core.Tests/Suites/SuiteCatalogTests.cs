using EnergyGate.Core.Datasets;
using EnergyGate.Core.Suites;
using EnergyGate.Core.Tests.TestSupport;

namespace EnergyGate.Core.Tests.Suites;

public sealed class SuiteCatalogTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task SmokeNeedsNoData()
    {
        var problems = await SuiteCatalog.LoadAsync(SuiteNames.Smoke, dataDir: null, new DatasetCache(_dir.Path));

        Assert.Equal(12, problems.Count);
    }

    [Fact]
    public async Task HumanEvalReadsTheDataDir()
    {
        var dataDir = Path.GetDirectoryName(RepoPaths.HumanEvalFile);

        var problems = await SuiteCatalog.LoadAsync("HumanEval", dataDir, new DatasetCache(_dir.Path));

        Assert.Equal(164, problems.Count);
    }

    [Fact]
    public async Task HumanEvalReadsTheCache()
    {
        var cache = new DatasetCache(_dir.Path);
        Directory.CreateDirectory(Path.GetDirectoryName(cache.PathFor(KnownDatasets.HumanEval))!);
        File.Copy(RepoPaths.HumanEvalFile, cache.PathFor(KnownDatasets.HumanEval));

        var problems = await SuiteCatalog.LoadAsync(SuiteNames.HumanEval, dataDir: null, cache);

        Assert.Equal("HumanEval/0", problems[0].TaskId);
    }

    [Fact]
    public async Task HumanEvalWithEmptyCacheSaysHowToPull()
    {
        var ex = await Assert.ThrowsAsync<EnergyGateException>(
            () => SuiteCatalog.LoadAsync(SuiteNames.HumanEval, dataDir: null, new DatasetCache(_dir.Path)));

        Assert.Contains("datasets pull humaneval", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownSuiteListsValidNames()
    {
        var ex = await Assert.ThrowsAsync<EnergyGateException>(
            () => SuiteCatalog.LoadAsync("apps", dataDir: null, new DatasetCache(_dir.Path)));

        Assert.Equal("unknown code-generation suite `apps`; valid names: humaneval, humaneval-plus, mbpp, mbpp-plus, smoke", ex.Message);
    }
}

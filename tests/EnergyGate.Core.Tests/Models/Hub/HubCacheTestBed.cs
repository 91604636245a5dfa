using EnergyGate.Core.Models.Tiny;
using EnergyGate.Core.Tests.TestSupport;

namespace EnergyGate.Core.Tests.Models.Hub;

/// <summary>An empty cache and a local hub serving one small model's files at one commit, for tests of the cache's behaviour.</summary>
public abstract class HubCacheTestBed : IDisposable
{
    protected const string Repo = "acme/tiny-coder";
    private readonly TempDir _model = new();

    private protected TempDir Cache { get; } = new();

    private protected FakeHub Hub { get; } = new();

    public void Dispose()
    {
        Hub.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Cache.Dispose();
        _model.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Publishes a 1-layer tiny model's files on the hub; returns the commit and the files by name.</summary>
    protected (string Commit, Dictionary<string, byte[]> Files) PublishTinyModel()
    {
        TinyModelWriter.Write(_model.Path, new TinyModelSpec(Layers: 1, Hidden: 32, Heads: 2, Vocab: 300));
        var files = FakeHub.ReadFolder(_model.Path);
        return (Hub.AddCommit(Repo, files), files);
    }

    /// <summary>Where the cache keeps <paramref name="file"/> of <paramref name="commit"/>.</summary>
    protected string CachedPath(string commit, string file) => Path.Combine(Cache.Path, "hf", "acme", "tiny-coder", commit, file);
}

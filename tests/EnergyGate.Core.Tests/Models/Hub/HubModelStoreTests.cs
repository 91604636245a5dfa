using EnergyGate.Core.Configuration;
using EnergyGate.Core.Models;
using EnergyGate.Core.Models.Hub;
using EnergyGate.Core.Models.Tiny;
using EnergyGate.Core.Runtimes;
using EnergyGate.Core.Tests.TestSupport;

namespace EnergyGate.Core.Tests.Models.Hub;

/// <summary>Hub downloads against <see cref="FakeHub"/> serving the built-in tiny model's files.</summary>
public sealed class HubModelStoreTests : IDisposable
{
    private const string Repo = "acme/tiny-coder";
    private readonly TempDir _cache = new();
    private readonly TempDir _model = new();
    private readonly FakeHub _hub = new();
    private readonly StringWriter _log = new();
    private readonly Dictionary<string, byte[]> _files;

    public HubModelStoreTests()
    {
        TinyModelWriter.Write(_model.Path, new TinyModelSpec(Layers: 1, Hidden: 32, Heads: 2, Vocab: 300));
        _files = FakeHub.ReadFolder(_model.Path);
    }

    public void Dispose()
    {
        _hub.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _cache.Dispose();
        _model.Dispose();
    }

    private HubOptions Online => new(_hub.Endpoint, Offline: false);

    private Task<HubModel> Ensure(string source, HubOptions? options = null, string? token = null, IReadOnlyList<string>? files = null) =>
        new HubModelStore(_cache.Path).EnsureAsync(HubSource.Parse(source), files, options ?? Online, token, "HF_TOKEN", _log, CancellationToken.None);

    [Fact]
    public async Task PinnedCommitIsDownloadedVerifiedAndCachedByItsSha()
    {
        var commit = _hub.AddCommit(Repo, _files);

        var model = await Ensure($"hf:{Repo}@{commit}");

        var folder = Path.Combine(_cache.Path, "hf", "acme", "tiny-coder", commit);
        Assert.Equal(folder, model.Path);
        Assert.Equal(commit, model.Commit);
        foreach (var (path, bytes) in _files)
        {
            Assert.Equal(bytes, await File.ReadAllBytesAsync(Path.Combine(folder, path)));
        }
        Assert.True(File.Exists(folder + ".default.complete"));
        Assert.Empty(Directory.EnumerateFiles(_cache.Path, "*.partial", SearchOption.AllDirectories));
        // LFS files came through the redirect to the CDN; a pinned sha needs no revision call.
        Assert.Contains(_hub.Requests, r => r.PathAndQuery.StartsWith("/cdn/", StringComparison.Ordinal));
        Assert.DoesNotContain(_hub.Requests, r => r.PathAndQuery.Contains("/revision/", StringComparison.Ordinal));
        Assert.DoesNotContain("not pinned", _log.ToString(), StringComparison.Ordinal);
        Assert.Contains("downloading model.onnx", _log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACompleteCacheIsUsedWithoutDownloadingAgain()
    {
        var commit = _hub.AddCommit(Repo, _files);
        var first = await Ensure($"hf:{Repo}@{commit}");
        var requests = _hub.Requests.Count;

        var second = await Ensure($"hf:{Repo}@{commit}");

        Assert.Equal(first, second with { Files = first.Files });
        Assert.Equal(requests, _hub.Requests.Count);
    }

    [Fact]
    public async Task ABranchIsResolvedRecordedAndWarnedAboutThenWorksOffline()
    {
        var commit = _hub.AddCommit(Repo, _files, branch: "main");

        var online = await Ensure($"hf:{Repo}@main");
        await _hub.DisposeAsync();
        var offline = await Ensure($"hf:{Repo}@main", new HubOptions(_hub.Endpoint, Offline: true));

        Assert.Equal(commit, online.Commit);
        Assert.Equal(online.Path, offline.Path);
        Assert.Equal(online.WeightsHash, offline.WeightsHash);
        Assert.Contains($"not pinned: revision `main` is a branch or tag, now commit {commit}; pin it as hf:{Repo}@{commit}", _log.ToString(), StringComparison.Ordinal);
        Assert.Equal(commit, (await File.ReadAllTextAsync(Path.Combine(_cache.Path, "hf", "acme", "tiny-coder", "refs", "main"), CancellationToken.None)).Trim());
    }

    [Fact]
    public async Task OfflineWithoutTheCacheSaysWhatIsMissingAndHowToGetIt()
    {
        var commit = _hub.AddCommit(Repo, _files);
        await Ensure($"hf:{Repo}@{commit}");
        var folder = Path.Combine(_cache.Path, "hf", "acme", "tiny-coder", commit);
        File.Delete(Path.Combine(folder, "model.onnx"));
        var offline = new HubOptions(_hub.Endpoint, Offline: true);

        var incomplete = await Assert.ThrowsAsync<EnergyGateException>(() => Ensure($"hf:{Repo}@{commit}", offline));
        var neverResolved = await Assert.ThrowsAsync<EnergyGateException>(() => Ensure($"hf:{Repo}@release", offline));

        Assert.Contains("EG2083", incomplete.Message, StringComparison.Ordinal);
        Assert.Contains("missing: model.onnx;", incomplete.Message, StringComparison.Ordinal);
        Assert.Contains($"run `dotnet energygate model pull hf:{Repo}@{commit}` (or the run itself) once without HF_HUB_OFFLINE=1", incomplete.Message, StringComparison.Ordinal);
        Assert.Contains("revision `release` was never resolved", neverResolved.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AChangedRevisionChangesTheWeightsHash()
    {
        var first = _hub.AddCommit(Repo, _files, branch: "main");
        var changed = new Dictionary<string, byte[]>(_files) { ["model.safetensors"] = [.. _files["model.safetensors"].Select((b, i) => i == _files["model.safetensors"].Length - 1 ? (byte)(b ^ 1) : b)] };
        var second = _hub.AddCommit(Repo, changed);

        var a = await Ensure($"hf:{Repo}@{first}");
        var b = await Ensure($"hf:{Repo}@{second}");
        var c = await Ensure($"hf:{Repo}@main");

        Assert.NotEqual(a.WeightsHash, b.WeightsHash);
        Assert.Equal(a.WeightsHash, c.WeightsHash);
        Assert.Matches("^[0-9a-f]{64}$", a.WeightsHash);
    }

    [Fact]
    public async Task APrivateRepositoryNeedsTheTokenWhichNeverReachesTheCdn()
    {
        var commit = _hub.AddCommit(Repo, _files, branch: "main", token: "hf_secret");

        var none = await Assert.ThrowsAsync<EnergyGateException>(() => Ensure($"hf:{Repo}@main"));
        var wrong = await Assert.ThrowsAsync<EnergyGateException>(() => Ensure($"hf:{Repo}@main", token: "hf_wrong"));
        var model = await Ensure($"hf:{Repo}@main", token: "hf_secret");

        Assert.Contains("EG2080", none.Message, StringComparison.Ordinal);
        Assert.Contains("HTTP 401", none.Message, StringComparison.Ordinal);
        Assert.Contains("set HF_TOKEN (or name another variable with `token-env:`)", none.Message, StringComparison.Ordinal);
        Assert.Contains("the token in HF_TOKEN was refused", wrong.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hf_wrong", wrong.Message, StringComparison.Ordinal);
        Assert.Equal(commit, model.Commit);
        Assert.All(_hub.Requests.Where(r => r.PathAndQuery.StartsWith("/cdn/", StringComparison.Ordinal)), r => Assert.Null(r.Authorization));
        Assert.Contains(_hub.Requests, r => r.Authorization == "Bearer hf_secret" && r.PathAndQuery.Contains("/resolve/", StringComparison.Ordinal));
        Assert.DoesNotContain("hf_secret", _log.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Directory.EnumerateFiles(_cache.Path, "*", SearchOption.AllDirectories), f => File.ReadAllText(f).Contains("hf_secret", StringComparison.Ordinal));
    }

    [Fact]
    public async Task NotFoundSaysWhetherTheRepositoryRevisionOrFileIsMissing()
    {
        _hub.AddCommit(Repo, _files, branch: "main");

        var repo = await Assert.ThrowsAsync<EnergyGateException>(() => Ensure("hf:acme/nothing@main"));
        var revision = await Assert.ThrowsAsync<EnergyGateException>(() => Ensure($"hf:{Repo}@v9"));

        Assert.Contains("EG2081", repo.Message, StringComparison.Ordinal);
        Assert.Contains("repository `acme/nothing` not found", repo.Message, StringComparison.Ordinal);
        Assert.Contains("revision `v9` of acme/tiny-coder not found", revision.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATruncatedDownloadIsResumedWithARangeRequest()
    {
        var commit = _hub.AddCommit(Repo, _files);
        _hub.TruncateNext["model.onnx"] = 1;

        var model = await Ensure($"hf:{Repo}@{commit}");

        Assert.Equal(_files["model.onnx"], await File.ReadAllBytesAsync(Path.Combine(model.Path, "model.onnx"), CancellationToken.None));
        var half = _files["model.onnx"].Length / 2;
        Assert.Contains(_hub.Requests, r => r.PathAndQuery.StartsWith("/cdn/", StringComparison.Ordinal) && r.Range == $"bytes={half}-");
    }

    [Fact]
    public async Task ADownloadTruncatedTwiceFailsAndCachesNothingUnderTheRealName()
    {
        var commit = _hub.AddCommit(Repo, _files);
        _hub.TruncateNext["model.onnx"] = 2;

        var ex = await Assert.ThrowsAsync<EnergyGateException>(() => Ensure($"hf:{Repo}@{commit}"));

        var folder = Path.Combine(_cache.Path, "hf", "acme", "tiny-coder", commit);
        Assert.Contains("EG2082", ex.Message, StringComparison.Ordinal);
        Assert.Contains("model.onnx: the download ended after", ex.Message, StringComparison.Ordinal);
        Assert.Contains("(after a retry)", ex.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(folder, "model.onnx")));
        Assert.False(File.Exists(folder + ".default.complete"));
        // The next run continues the partial file instead of starting over.
        var model = await Ensure($"hf:{Repo}@{commit}");
        Assert.Equal(_files["model.onnx"], await File.ReadAllBytesAsync(Path.Combine(model.Path, "model.onnx"), CancellationToken.None));
    }

    [Fact]
    public async Task WrongBytesFailTheLfsSha256Check()
    {
        var commit = _hub.AddCommit(Repo, _files);
        _hub.Corrupt["model.safetensors"] = true;

        var ex = await Assert.ThrowsAsync<EnergyGateException>(() => Ensure($"hf:{Repo}@{commit}"));

        Assert.Contains("model.safetensors: sha256 is", ex.Message, StringComparison.Ordinal);
        Assert.Contains("the hub's LFS metadata says", ex.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFiles(_cache.Path, "model.safetensors*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task FilesPatternsPickAVariantAndNoMatchIsAnError()
    {
        var files = new Dictionary<string, byte[]>(_files.Where(f => !f.Key.EndsWith(".onnx", StringComparison.Ordinal)))
        {
            ["onnx/model.onnx"] = _files["model.onnx"],
            ["onnx/model_q4.onnx"] = [1, 2, 3],
        };
        var commit = _hub.AddCommit(Repo, files);

        var model = await Ensure($"hf:{Repo}@{commit}", files: ["onnx/model_q4.onnx*", "*.json"]);
        var none = await Assert.ThrowsAsync<EnergyGateException>(() => Ensure($"hf:{Repo}@{commit}", files: ["*.gguf"]));

        // The graphs' folder is what the runtime opens, with the root's configs and tokenizer beside them.
        Assert.Equal(Path.Combine(_cache.Path, "hf", "acme", "tiny-coder", commit, "onnx"), model.Path);
        Assert.Equal(["onnx/model_q4.onnx"], model.Files.Where(f => f.Path.EndsWith(".onnx", StringComparison.Ordinal)).Select(f => f.Path));
        Assert.True(File.Exists(Path.Combine(model.Path, "tokenizer.json")));
        Assert.False(File.Exists(Path.Combine(model.Path, "model.onnx")));
        Assert.Contains("EG2084", none.Message, StringComparison.Ordinal);
        Assert.Contains("no file of commit", none.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheLocatorGivesTheLoadedModelTheHubWeightsHash()
    {
        var commit = _hub.AddCommit(Repo, _files);
        var settings = new ModelSettings("coder", $"hf:{Repo}@{commit}", null);

        var resolved = await ModelLocator.LocateHubAsync(settings, _cache.Path, Online, _log, CancellationToken.None);
        var store = await Ensure($"hf:{Repo}@{commit}");

        Assert.Equal(store.WeightsHash, resolved.HubWeightsHash);
        Assert.Equal(commit, resolved.HubCommit);
        Assert.False(resolved.IsFile);
    }
}

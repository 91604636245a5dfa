using EnergyGate.Core.Models.Hub;
using EnergyGate.Core.Tests.TestSupport;

namespace EnergyGate.Core.Tests.Models.Hub;

/// <summary><c>model pull --verify</c>: a cached file changed in place (same size) is found by its hash and fetched again.</summary>
public sealed class HubVerifyTests : HubCacheTestBed
{
    [Fact]
    public async Task A_file_changed_in_the_cache_is_kept_without_verify_and_replaced_with_it()
    {
        var (commit, files) = PublishTinyModel();
        var store = new HubModelStore(Cache.Path);
        var online = new HubOptions(Hub.Endpoint, Offline: false);
        Task<HubModel> Ensure(HubOptions options, TextWriter log) =>
            store.EnsureAsync(HubSource.Parse($"hf:{Repo}@{commit}"), null, options, null, "HF_TOKEN", log, CancellationToken.None);
        await Ensure(online, TextWriter.Null);
        var weights = CachedPath(commit, "model.onnx");
        var corrupted = files["model.onnx"].ToArray();
        corrupted[^1] ^= 0xFF;
        await File.WriteAllBytesAsync(weights, corrupted);
        var requests = Hub.Requests.Count;

        await Ensure(online, TextWriter.Null);
        Assert.Equal(corrupted, await File.ReadAllBytesAsync(weights));    // sizes only: not noticed
        Assert.Equal(requests, Hub.Requests.Count);

        var log = new StringWriter();
        await Ensure(online with { Verify = true }, log);

        Assert.Equal(files["model.onnx"], await File.ReadAllBytesAsync(weights));
        Assert.Contains("model.onnx: sha256 is", log.ToString(), StringComparison.Ordinal);
        Assert.Contains("1 cached file(s) did not match", log.ToString(), StringComparison.Ordinal);
        // Only the changed file is fetched again.
        var fetched = Assert.Single(Hub.Requests.Skip(requests), r => r.PathAndQuery.Contains("/resolve/", StringComparison.Ordinal));
        Assert.EndsWith("/model.onnx", fetched.PathAndQuery, StringComparison.Ordinal);

        var again = new StringWriter();
        await Ensure(online with { Verify = true }, again);
        Assert.Contains("every cached file matches the hub's size and hash", again.ToString(), StringComparison.Ordinal);
    }
}

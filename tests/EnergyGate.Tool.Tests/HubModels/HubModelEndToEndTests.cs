using EnergyGate.Core.Models.Tiny;
using EnergyGate.Core.Tests.TestSupport;

namespace EnergyGate.Tool.Tests.HubModels;

/// <summary>
/// A plan whose model is <c>hf:acme/tiny@main</c>, served by a fake hub in the Hugging Face URL layout
/// (the built-in tiny model's files): downloaded into the cache on the first run, run offline from the
/// cache on the second with the hub unreachable, and a changed revision named as a model change.
/// </summary>
public sealed class HubModelEndToEndTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("energygate-hf-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Config(string source)
    {
        var path = Path.Combine(_dir, "energygate.yml");
        File.WriteAllText(path, $"""
            version: 1
            cache-dir: cache
            models:
              - name: coder
                source: {source}
            runtimes:
              - runtime: onnx
                provider: cpu
                threads: 1
            measurement:
              repetitions: 2
              warmup: 0
              idle-seconds: 0
            decoding:
              max-new-tokens: 8
            suites:
              - name: smoke
                limit: 2
            gate:
              warn: 50%
              fail: 100%
            """);
        return path;
    }

    private Dictionary<string, byte[]> TinyFiles(int seed)
    {
        var folder = Path.Combine(_dir, $"model-{seed}");
        TinyModelWriter.Write(folder, new TinyModelSpec(Seed: seed));
        return FakeHub.ReadFolder(folder);
    }

    [Fact]
    public async Task Downloads_then_runs_offline_from_the_cache_and_names_a_changed_revision()
    {
        await using var hub = new FakeHub();
        var main = hub.AddCommit("acme/tiny", TinyFiles(seed: 1), branch: "main");
        var other = hub.AddCommit("acme/tiny", TinyFiles(seed: 2));
        var online = new Dictionary<string, string?> { ["HF_ENDPOINT"] = hub.Endpoint.AbsoluteUri, ["HF_HUB_OFFLINE"] = null, ["HF_TOKEN"] = null, ["GITHUB_STEP_SUMMARY"] = null };
        var config = Config("hf:acme/tiny@main");

        var update = await ToolRunner.RunWithEnvironmentAsync(online, "baseline", "update", "--config", config);

        Assert.True(update.ExitCode == 0, update.Output + update.Error);
        Assert.True(File.Exists(Path.Combine(_dir, "cache", "hf", "acme", "tiny", main, "model.onnx")));
        // The commit the branch resolved to is in the results header's fingerprint.
        var headers = Directory.GetFiles(_dir, "*.jsonl", SearchOption.AllDirectories).Select(f => File.ReadLines(f).First());
        Assert.Contains(headers, h => h.Contains($"\"model.coder.hf_commit\":\"{main}\"", StringComparison.Ordinal));

        // Offline, with the endpoint pointing at a port nothing listens on: only the cache can serve.
        var offline = new Dictionary<string, string?>(online) { ["HF_HUB_OFFLINE"] = "1", ["HF_ENDPOINT"] = $"http://127.0.0.1:{LocalHttpServer.FreePort()}/" };
        var requests = hub.Requests.Count;
        var same = await ToolRunner.RunWithEnvironmentAsync(offline, "check", "--config", config, "--report", Path.Combine(_dir, "same.md"));
        Assert.True(same.ExitCode is 0 or 3, same.Output + same.Error);
        Assert.Equal(requests, hub.Requests.Count);
        var sameReport = await File.ReadAllTextAsync(Path.Combine(_dir, "same.md"));
        Assert.DoesNotContain("model changed", sameReport, StringComparison.Ordinal);
        // The plan names a branch: the report says so and names the commit to pin.
        Assert.Contains($"**The plan is not pinned:** model `coder` comes from `hf:acme/tiny@main`, a branch or tag that resolved to commit `{main}`", sameReport, StringComparison.Ordinal);
        Assert.Contains($"pin it as `hf:acme/tiny@{main}`", sameReport, StringComparison.Ordinal);

        // `model pull` takes the same path: another commit into the same cache, then found offline.
        var pull = await ToolRunner.RunWithEnvironmentAsync(online, "model", "pull", $"hf:acme/tiny@{other}", "--cache-dir", Path.Combine(_dir, "cache"));
        Assert.True(pull.ExitCode == 0, pull.Output + pull.Error);
        Assert.Contains($"acme/tiny at commit {other}:", pull.Output, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(_dir, "cache", "hf", "acme", "tiny", other), pull.Output, StringComparison.Ordinal);

        var changed = await ToolRunner.RunWithEnvironmentAsync(online, "check", "--config", Config($"hf:acme/tiny@{other}"), "--report", Path.Combine(_dir, "changed.md"));
        Assert.NotEqual(2, changed.ExitCode);
        var report = await File.ReadAllTextAsync(Path.Combine(_dir, "changed.md"));
        Assert.Contains("model changed: `model_sha256`", report, StringComparison.Ordinal);
        Assert.Contains("Model weights (sha256)", report, StringComparison.Ordinal);
        Assert.DoesNotContain("not pinned", report, StringComparison.Ordinal);
    }
}

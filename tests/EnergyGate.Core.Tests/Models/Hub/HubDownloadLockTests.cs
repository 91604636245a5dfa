using EnergyGate.Core.Models.Hub;
using EnergyGate.Core.Tests.TestSupport;

namespace EnergyGate.Core.Tests.Models.Hub;

/// <summary>Two processes sharing a cache: the second waits on a file's download lock and takes the finished file.</summary>
public sealed class HubDownloadLockTests : HubCacheTestBed
{
    [Fact]
    public async Task A_file_another_process_is_downloading_is_waited_for_and_not_fetched_again()
    {
        var (commit, files) = PublishTinyModel();
        var target = CachedPath(commit, "config.json");
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var log = new SignallingWriter("waiting for config.json");

        Task<HubModel> ensure;
        // "The other process": holds the lock the way a downloading process does.
        await using (new FileStream(target + ".partial.lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose))
        {
            ensure = new HubModelStore(Cache.Path).EnsureAsync(HubSource.Parse($"hf:{Repo}@{commit}"), null, new HubOptions(Hub.Endpoint, Offline: false), null, "HF_TOKEN", log, CancellationToken.None);
            await log.Signalled.WaitAsync(TimeSpan.FromMinutes(2));
            Assert.False(ensure.IsCompleted);
            // It finishes the file (verified, renamed into place), then releases the lock.
            await File.WriteAllBytesAsync(target, files["config.json"]);
        }

        var model = await ensure;

        Assert.Equal(commit, model.Commit);
        Assert.DoesNotContain(Hub.Requests, r => r.PathAndQuery.EndsWith("/config.json", StringComparison.Ordinal));
        Assert.Contains(Hub.Requests, r => r.PathAndQuery.Contains("model.onnx", StringComparison.Ordinal));
        Assert.Empty(Directory.EnumerateFiles(Cache.Path, "*.lock", SearchOption.AllDirectories));
        Assert.Contains("another process is downloading it into the same cache", log.ToString(), StringComparison.Ordinal);
    }

    /// <summary>A log that completes <see cref="Signalled"/> when a line containing its text is written.</summary>
    private sealed class SignallingWriter(string text) : StringWriter
    {
        private readonly TaskCompletionSource _signalled = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Signalled => _signalled.Task;

        public override void WriteLine(string? value)
        {
            base.WriteLine(value);
            if (value?.Contains(text, StringComparison.Ordinal) == true)
            {
                _signalled.TrySetResult();
            }
        }
    }
}

namespace EnergyGate.Core.Models.Hub;

/// <summary>
/// An exclusive lock on one file's download (<c>&lt;file&gt;.partial.lock</c>), so two processes sharing a cache
/// (two shards on one machine, a run beside a <c>model pull</c>) never append to the same <c>.partial</c> file.
/// The lock is an flock on Unix (a LockFile share on Windows): a process that dies releases it, so no stale
/// lock blocks a later run. The file is removed when the holder closes it.
/// </summary>
internal static class DownloadLock
{
    /// <summary>How often a waiting process tries again.</summary>
    public static TimeSpan Poll { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Takes the lock, calling <paramref name="onWait"/> once if another process holds it, then waiting until it is free (or <paramref name="ct"/> cancels).</summary>
    public static async Task<FileStream> AcquireAsync(string lockPath, Action onWait, CancellationToken ct)
    {
        var waited = false;
        while (true)
        {
            try
            {
                return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException e) when (FileLocks.IsLocked(e))
            {
                if (!waited)
                {
                    waited = true;
                    onWait();
                }
                await Task.Delay(Poll, ct);
            }
        }
    }
}

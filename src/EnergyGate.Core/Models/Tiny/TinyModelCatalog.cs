namespace EnergyGate.Core.Models.Tiny;

/// <summary>
/// Keeps built-in tiny models in the cache: <c>&lt;cache&gt;/models/builtin-tiny-&lt;hash of spec&gt;</c>,
/// written once into a temporary folder and renamed into place, so a crash or a concurrent writer
/// never leaves a half-written model where readers look.
/// </summary>
public static class TinyModelCatalog
{
    /// <summary>The folder that holds (or will hold) <paramref name="spec"/>'s files.</summary>
    public static string FolderFor(string cacheDir, TinyModelSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return Path.Combine(cacheDir, "models", "builtin-tiny-" + spec.ShortHash);
    }

    /// <summary>Returns the model's folder, writing it first when it is not in the cache yet.</summary>
    public static Task<string> EnsureAsync(string cacheDir, TinyModelSpec spec, CancellationToken cancellationToken = default) =>
        EnsureFolderAsync(FolderFor(cacheDir, spec), temp => TinyModelWriter.Write(temp, spec), cancellationToken);

    /// <summary>Returns <paramref name="folder"/>, first filling it with <paramref name="write"/> (into a temporary folder renamed into place) when absent.</summary>
    internal static Task<string> EnsureFolderAsync(string folder, Action<string> write, CancellationToken cancellationToken)
    {
        // config.json is written last by the writer, but the rename is what makes the folder visible.
        if (Directory.Exists(folder))
        {
            return Task.FromResult(folder);
        }

        // Writing is CPU work of well under a second at default sizes; run it off the caller's thread.
        return Task.Run(() =>
        {
            cancellationToken.ThrowIfCancellationRequested();
            var temp = $"{folder}.tmp-{Environment.ProcessId}-{Guid.NewGuid():N}";
            try
            {
                write(temp);
                Directory.Move(temp, folder);
            }
            catch (IOException) when (Directory.Exists(folder))
            {
                // Another process finished the same model first; its files are identical.
            }
            finally
            {
                if (Directory.Exists(temp))
                {
                    Directory.Delete(temp, recursive: true);
                }
            }

            return folder;
        }, cancellationToken);
    }
}

using System.IO.Compression;

namespace EnergyGate.Core.Suites.LongBench;

/// <summary>
/// Reads a LongBench task's records from the hub's <c>data.zip</c> (entry <c>data/&lt;task&gt;.jsonl</c>,
/// streamed out of the archive without extracting it) or from a folder of task files.
/// </summary>
public static class LongBenchLoader
{
    /// <summary>Reads <paramref name="task"/>'s records from a LongBench <c>data.zip</c>.</summary>
    /// <param name="zipPath">The archive, e.g. the verified cache copy.</param>
    /// <param name="task">Which task file to read.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="EnergyGateException">
    /// The archive is unreadable or lacks the task, or a line is malformed; messages name
    /// <c>zip!entry:line</c> and the field.
    /// </exception>
    public static async Task<IReadOnlyList<LongBenchRecord>> LoadFromZipAsync(
        string zipPath, LongBenchTask task, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(zipPath);
        ArgumentNullException.ThrowIfNull(task);
        var again = $"download it again with `dotnet energygate datasets pull {Datasets.KnownDatasets.LongBench.Name}`";
        try
        {
            using var archive = await ZipFile.OpenReadAsync(zipPath, cancellationToken);
            var entry = archive.GetEntry("data/" + task.FileName) ?? archive.GetEntry(task.FileName)
                ?? throw new EnergyGateException(
                    $"{zipPath} has no data/{task.FileName}; it holds {Describe(archive)}, so it is not LongBench's data.zip; {again}");
            await using var stream = await entry.OpenAsync(cancellationToken);
            return await LongBenchJsonl.ReadAsync(stream, $"{zipPath}!{entry.FullName}", cancellationToken);
        }
        catch (InvalidDataException ex)
        {
            throw new EnergyGateException($"{zipPath}: not a readable zip archive ({ex.Message}); {again}", ex);
        }
        catch (FileNotFoundException ex)
        {
            throw new EnergyGateException($"{zipPath}: file not found", ex);
        }
    }

    /// <summary>
    /// Reads <paramref name="task"/>'s records from a folder: <c>&lt;task&gt;.jsonl</c> in it, or
    /// <c>data/&lt;task&gt;.jsonl</c> (data.zip extracted in place).
    /// </summary>
    /// <param name="dataDir">The folder given as <c>--data-dir</c>.</param>
    /// <param name="task">Which task file to read.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="EnergyGateException">Neither file exists, or a line is malformed (file, line, field).</exception>
    public static async Task<IReadOnlyList<LongBenchRecord>> LoadFromFolderAsync(
        string dataDir, LongBenchTask task, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataDir);
        ArgumentNullException.ThrowIfNull(task);
        var path = new[] { Path.Combine(dataDir, task.FileName), Path.Combine(dataDir, "data", task.FileName) }
            .FirstOrDefault(File.Exists)
            ?? throw new EnergyGateException(
                $"--data-dir {dataDir} contains neither {task.FileName} nor data/{task.FileName}; pass the folder that holds LongBench's task files, or omit --data-dir to use the cached data.zip");
        await using var stream = new FileStream(
            path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, useAsync: true);
        return await LongBenchJsonl.ReadAsync(stream, path, cancellationToken);
    }

    /// <summary>Reads records from any stream of LongBench JSONL (not disposed).</summary>
    /// <param name="stream">The JSONL text.</param>
    /// <param name="sourceName">Names the data in error messages.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="EnergyGateException">A line is malformed, an <c>_id</c> repeats, or there are no records.</exception>
    public static Task<IReadOnlyList<LongBenchRecord>> LoadAsync(
        Stream stream, string sourceName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sourceName);
        return LongBenchJsonl.ReadAsync(stream, sourceName, cancellationToken);
    }

    private static string Describe(ZipArchive archive)
    {
        var names = archive.Entries.Take(5).Select(e => e.FullName).ToList();
        return names.Count == 0
            ? "no entries"
            : string.Join(", ", names) + (archive.Entries.Count > names.Count ? $" and {archive.Entries.Count - names.Count} more" : "");
    }
}

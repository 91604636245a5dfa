using System.Text;

namespace EnergyGate.Core.History;

/// <summary>
/// A server-less run history: a folder with one JSON Lines file per machine class
/// (<see cref="HistoryFileName"/>), one line per gated run, oldest first. The folder is injected, so
/// tests use a temp folder and CI keeps it in a data branch.
/// </summary>
/// <param name="folder">The history folder itself.</param>
public sealed class HistoryStore(string folder)
{
    /// <summary>Entries a file keeps when the caller does not say: about three months of daily runs.</summary>
    public const int DefaultKeep = 100;

    /// <summary>Name of the lock file <see cref="Append"/> holds inside the folder while it rewrites a file.</summary>
    public const string LockFileName = ".energygate-history.lock";

    /// <summary>The history folder.</summary>
    public string Folder { get; } = Path.GetFullPath(folder);

    /// <summary>Where the runs of <paramref name="machineClass"/> live.</summary>
    public string PathFor(string machineClass) => Path.Combine(Folder, HistoryFileName.For(machineClass));

    /// <summary>The runs of <paramref name="machineClass"/>, oldest first; empty when the folder or file does not exist.</summary>
    /// <exception cref="EnergyGateException">A line is not a history entry (the message names the file and line).</exception>
    public IReadOnlyList<HistoryEntry> Read(string machineClass) =>
        [.. ReadFile(PathFor(machineClass)).Where(e => e.MachineClass == machineClass)];

    /// <summary>Every run of every machine class in the folder, file by file (ordinal by name), each file oldest first.</summary>
    public IReadOnlyList<HistoryEntry> ReadAll() =>
        Directory.Exists(Folder)
            ? [.. Directory.EnumerateFiles(Folder, "*" + HistoryFileName.Extension).Order(StringComparer.Ordinal).SelectMany(ReadFile)]
            : [];

    /// <summary>Reads one history file; a missing file is an empty history. Blank lines are skipped.</summary>
    /// <exception cref="EnergyGateException">A line is not a history entry (the message names the file and line).</exception>
    public static IReadOnlyList<HistoryEntry> ReadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            return [];
        }
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path, Encoding.UTF8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new EnergyGateException($"cannot read the history file {path}: {e.Message}", e);
        }
        var entries = new List<HistoryEntry>(lines.Length);
        for (var i = 0; i < lines.Length; i++)
        {
            if (!string.IsNullOrWhiteSpace(lines[i]))
            {
                entries.Add(HistoryJson.Parse(lines[i], path, i + 1));
            }
        }
        return entries;
    }

    /// <summary>
    /// Adds <paramref name="entry"/> to its machine class's file and keeps the last <paramref name="keep"/>
    /// entries of that file. An entry for the same commit and machine class is replaced where it stands
    /// (a re-run of a commit must not count twice, nor jump ahead of later commits). The file is
    /// rewritten whole: read under the folder's lock, written to a temporary file beside it, then
    /// renamed over it, so a reader sees the old file or the new one, never half of one.
    /// </summary>
    /// <exception cref="EnergyGateException">EG2046: another append holds the folder; an existing line is broken (nothing is written); the folder cannot be written.</exception>
    public HistoryAppend Append(HistoryEntry entry, int keep = DefaultKeep)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentOutOfRangeException.ThrowIfLessThan(keep, 1);
        ArgumentException.ThrowIfNullOrWhiteSpace(entry.Commit, nameof(entry));
        var path = PathFor(entry.MachineClass);
        using var folderLock = LockFolder();
        var entries = ReadFile(path).ToList();
        var same = entries.FindIndex(e => e.MachineClass == entry.MachineClass && e.Commit == entry.Commit);
        if (same >= 0)
        {
            entries[same] = entry;
            // Several lines of one commit can only come from hand edits: keep the one replaced, drop the rest.
            entries = [.. entries.Where((e, i) => i == same || e.MachineClass != entry.MachineClass || e.Commit != entry.Commit)];
        }
        else
        {
            entries.Add(entry);
        }
        var dropped = Math.Max(0, entries.Count - keep);
        var kept = entries.Skip(dropped).ToList();
        WriteAtomically(path, kept);
        return new HistoryAppend(path, same >= 0, kept.Count, dropped);
    }

    private FileStream LockFolder()
    {
        var lockPath = Path.Combine(Folder, LockFileName);
        try
        {
            Directory.CreateDirectory(Folder);
            // Exclusive (flock on Unix) and removed on close, so a data branch never commits it.
            return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
        }
        catch (IOException e) when (FileLocks.IsLocked(e))
        {
            throw new EnergyGateException($"EG2046: another `history append` is writing {Folder} (locked: {LockFileName}); wait for it to finish, then append again.", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new EnergyGateException($"cannot write the history folder {Folder}: {e.Message} Check the path and its permissions.", e);
        }
    }

    private static void WriteAtomically(string path, IReadOnlyList<HistoryEntry> entries)
    {
        var text = new StringBuilder();
        foreach (var e in entries)
        {
            text.Append(HistoryJson.Serialize(e)).Append('\n');
        }
        var temp = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            File.WriteAllText(temp, text.ToString(), new UTF8Encoding(false));
            File.Move(temp, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new EnergyGateException($"cannot write the history file {path}: {e.Message} The file was left as it was; fix the folder (permissions, disk space) and append again.", e);
        }
        finally
        {
            TryDelete(temp);
        }
    }

    // Best effort: a temporary file left in a folder that refuses deletes ends in .tmp and is never read.
    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }
}

/// <summary>What <see cref="HistoryStore.Append"/> did.</summary>
/// <param name="Path">The file written.</param>
/// <param name="Replaced">True when an entry of the same commit and machine class was replaced rather than a new one added.</param>
/// <param name="Entries">Entries the file holds now.</param>
/// <param name="Dropped">Oldest entries dropped to keep the file within its bound.</param>
public sealed record HistoryAppend(string Path, bool Replaced, int Entries, int Dropped);

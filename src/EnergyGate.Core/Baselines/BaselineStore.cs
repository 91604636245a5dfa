namespace EnergyGate.Core.Baselines;

/// <summary>
/// Baseline files under a root folder (the repository's <c>baselines/</c>), one per cell, machine class
/// and meter kind: <c>&lt;root&gt;/&lt;suite&gt;/&lt;model&gt;/&lt;runtime&gt;-&lt;provider&gt;.&lt;meter&gt;.&lt;machine-class&gt;.json</c>.
/// The root is injected so tests use a temp folder.
/// </summary>
/// <param name="rootDir">The baselines folder itself (not the repository root).</param>
public sealed class BaselineStore(string rootDir)
{
    /// <summary>The baselines folder.</summary>
    public string RootDir { get; } = Path.GetFullPath(rootDir);

    /// <summary>Where the baseline of <paramref name="cell"/> measured on <paramref name="fingerprint"/> lives.</summary>
    public string PathFor(CellKey cell, EnvironmentFingerprint fingerprint)
    {
        ArgumentNullException.ThrowIfNull(cell);
        ArgumentNullException.ThrowIfNull(fingerprint);
        var meter = fingerprint.MeterKind.ToString().ToLowerInvariant();
        var file = $"{PathSegment.Sanitize(cell.Runtime)}-{PathSegment.Sanitize(cell.Provider)}.{meter}.{PathSegment.Sanitize(fingerprint.MachineClass)}.json";
        return Path.Combine(CellDir(cell), file);
    }

    /// <summary>Name of the lock file <see cref="LockForUpdate"/> holds inside the baselines folder.</summary>
    public const string LockFileName = ".energygate-update.lock";

    /// <summary>
    /// Locks the folder for one writer (EG2046 for a second one) until disposed; hold it for the whole
    /// of <c>baseline update</c>, from reading the results to the last <see cref="Save"/>.
    /// </summary>
    public IDisposable LockForUpdate()
    {
        Directory.CreateDirectory(RootDir);
        var path = Path.Combine(RootDir, LockFileName);
        try
        {
            // Exclusive (flock on Unix) and removed on close, so a committed folder stays clean. The
            // price: a writer that opened the file in the microseconds before the holder removed it
            // could lock the removed file; updates are run by people and CI jobs, not in a tight loop.
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
        }
        catch (IOException e) when (FileLocks.IsLocked(e))
        {
            throw new EnergyGateException($"EG2046: another `baseline update` is writing {RootDir} (locked: {LockFileName}); wait for it to finish, then run it again.", e);
        }
    }

    /// <summary>
    /// Writes one file per cell of <paramref name="document"/>, all or nothing as far as a file system
    /// allows: every file is first written to a temporary file beside its target, and only when all
    /// are written are they renamed into place. Returns the paths written. With
    /// <paramref name="keepRuns"/> above 1 each cell keeps the runs of the file it replaces (same
    /// machine class, meter, CPU and GPU model and settings under test), at most that many in all.
    /// </summary>
    /// <exception cref="EnergyGateException">EG2047: a file could not be written (nothing was replaced), or a rename failed (the message lists which files were replaced and which were not).</exception>
    /// <exception cref="BaselineFormatException">An existing file to append to cannot be read (nothing was replaced).</exception>
    public IReadOnlyList<string> Save(BaselineDocument document, int keepRuns = 1)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentOutOfRangeException.ThrowIfLessThan(keepRuns, 1);
        var files = document.Cells.Select(cell =>
        {
            var path = PathFor(cell.Cell, document.Fingerprint);
            var kept = keepRuns > 1 ? WithHistory(cell, path, document.Fingerprint, keepRuns) : cell with { History = null };
            return (Path: path, Json: BaselineJson.Serialize(document with { Cells = [kept] }));
        }).ToList();
        var temps = new List<(string Temp, string Path)>();
        try
        {
            foreach (var (path, json) in files)
            {
                var temp = $"{path}.{Guid.NewGuid():N}.tmp";
                temps.Add((temp, path));
                try
                {
                    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                    File.WriteAllText(temp, json);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    throw new EnergyGateException(
                        $"EG2047: cannot write the baseline {path}: {e.Message} No baseline file was replaced (every file is written in full before any is renamed); fix the folder (permissions, disk space) and run `baseline update` again.", e);
                }
            }
            return Rename(temps);
        }
        finally
        {
            foreach (var (temp, _) in temps)
            {
                TryDelete(temp);
            }
        }
    }

    // Runs from other hardware would widen the between-run spread with a difference the gate reports as incomparable.
    private static CellRecord WithHistory(CellRecord cell, string path, EnvironmentFingerprint fingerprint, int keepRuns)
    {
        if (!File.Exists(path))
        {
            return cell with { History = null };
        }
        var old = Read(path);
        var f = old.Fingerprint;
        var sameMachine = f.MachineClass == fingerprint.MachineClass && f.CpuModel == fingerprint.CpuModel
            && f.GpuModel == fingerprint.GpuModel && f.MeterKind == fingerprint.MeterKind;
        var previous = sameMachine ? old.Cells.FirstOrDefault(c => c.Cell == cell.Cell) : null;
        return BaselineHistory.Append(cell, previous, old.Run, keepRuns);
    }

    private static List<string> Rename(List<(string Temp, string Path)> temps)
    {
        var replaced = new List<string>();
        foreach (var (temp, path) in temps)
        {
            try
            {
                File.Move(temp, path, overwrite: true);
                replaced.Add(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                var left = temps.Select(t => t.Path).Except(replaced).ToList();
                throw new EnergyGateException(
                    $"EG2047: renaming the new baseline into {path} failed ({e.Message}) after {replaced.Count} of {temps.Count} files. "
                    + $"Replaced: {(replaced.Count == 0 ? "none" : string.Join(", ", replaced))}. Not replaced (old version kept): {string.Join(", ", left)}. "
                    + "The folder now mixes two runs: fix the folder and run `baseline update` again, or restore the replaced files from version control.", e);
            }
        }
        return replaced;
    }

    // Best effort: a temporary file left in a folder that refuses deletes is named *.tmp and never read.
    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>
    /// The baseline for <paramref name="cell"/>: the file for the same machine class and meter kind if
    /// there is one, else any file of the cell (so the gate can say "incomparable" rather than
    /// "no baseline"), else null. A file that exists but cannot be read throws.
    /// </summary>
    /// <exception cref="BaselineFormatException">The file is corrupt, has another schema version, or holds another cell.</exception>
    public BaselineEntry? Find(CellKey cell, EnvironmentFingerprint fingerprint)
    {
        var exact = PathFor(cell, fingerprint);
        var path = File.Exists(exact) ? exact : OtherMachineFiles(cell).FirstOrDefault();
        if (path is null)
        {
            return null;
        }
        var document = Read(path);
        var record = document.Cells.FirstOrDefault(c => c.Cell == cell)
            ?? throw new BaselineFormatException($"{path}: holds {string.Join(", ", document.Cells.Select(c => c.Cell))}, not {cell}; was it renamed or copied by hand?");
        return new BaselineEntry(record, document.Fingerprint, document.Run, path) { Evidence = BaselineEvidence.Runs };
    }

    /// <summary>Baselines for every cell of <paramref name="candidate"/> that has one.</summary>
    public BaselineSet LoadFor(CandidateSet candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        return new([.. candidate.Cells.Select(c => Find(c.Cell, candidate.Fingerprint)).OfType<BaselineEntry>()]);
    }

    /// <summary>Reads one baseline file.</summary>
    /// <exception cref="BaselineFormatException">See <see cref="BaselineJson.Parse"/>.</exception>
    public static BaselineDocument Read(string path) => BaselineJson.Parse(File.ReadAllText(path), path);

    private string CellDir(CellKey cell) => Path.Combine(RootDir, PathSegment.Sanitize(cell.Suite), PathSegment.Sanitize(cell.Model));

    private IEnumerable<string> OtherMachineFiles(CellKey cell)
    {
        var dir = CellDir(cell);
        var prefix = $"{PathSegment.Sanitize(cell.Runtime)}-{PathSegment.Sanitize(cell.Provider)}.";
        return Directory.Exists(dir)
            ? Directory.EnumerateFiles(dir, "*.json").Where(f => Path.GetFileName(f).StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal)
            : [];
    }
}

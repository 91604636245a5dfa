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

    /// <summary>
    /// Writes one file per cell of <paramref name="document"/>, each atomically (temp file + rename in the
    /// same folder), so a reader never sees half a file. Returns the paths written.
    /// </summary>
    public IReadOnlyList<string> Save(BaselineDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var written = new List<string>();
        foreach (var cell in document.Cells)
        {
            var path = PathFor(cell.Cell, document.Fingerprint);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var temp = $"{path}.{Guid.NewGuid():N}.tmp";
            try
            {
                File.WriteAllText(temp, BaselineJson.Serialize(document with { Cells = [cell] }));
                File.Move(temp, path, overwrite: true);
            }
            finally
            {
                File.Delete(temp);
            }
            written.Add(path);
        }
        return written;
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
        return new BaselineEntry(record, document.Fingerprint, document.Run, path);
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

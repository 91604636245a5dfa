namespace EnergyGate.Core.Baselines;

/// <summary>
/// The run under test, as the lead's measurement code fills it from run results: one
/// <see cref="CellRecord"/> per cell of the matrix, all measured on one machine.
/// </summary>
/// <param name="Run">Tool version, commit, time.</param>
/// <param name="Fingerprint">Machine and meters of this run.</param>
/// <param name="Cells">Per cell: settings under test and raw measurements.</param>
public sealed record CandidateSet(RunInfo Run, EnvironmentFingerprint Fingerprint, IReadOnlyList<CellRecord> Cells)
{
    /// <summary>Cells whose results file holds less than the plan promised; the gate does not compare them.</summary>
    public IReadOnlyList<CellCompleteness> Incomplete { get; init; } = [];
}

/// <summary>The stored baseline of one cell, with the run it came from.</summary>
/// <param name="Record">Settings and measurements of the cell.</param>
/// <param name="Fingerprint">Machine and meters the baseline was measured on.</param>
/// <param name="Run">Tool version, commit and time of the baseline run.</param>
/// <param name="Source">File it was read from, for messages; null when built in memory.</param>
public sealed record BaselineEntry(CellRecord Record, EnvironmentFingerprint Fingerprint, RunInfo Run, string? Source)
{
    /// <summary>Which test the gate runs against this entry; <see cref="BaselineEvidence.Runs"/> for files from a <see cref="BaselineStore"/>.</summary>
    public BaselineEvidence Evidence { get; init; } = BaselineEvidence.Repetitions;
}

/// <summary>
/// Baselines for the gate, at most one per cell. Cells may come from different files, commits and
/// machines; a cell the candidate has and this set lacks is reported as EG1005.
/// </summary>
/// <param name="Entries">One entry per cell.</param>
public sealed record BaselineSet(IReadOnlyList<BaselineEntry> Entries)
{
    /// <summary>No baselines (a first run).</summary>
    public static BaselineSet Empty { get; } = new([]);

    /// <summary>All cells of in-memory documents (e.g. the merge-base measured in the same job).</summary>
    public static BaselineSet FromDocuments(params IEnumerable<BaselineDocument> documents) => FromDocuments(BaselineEvidence.Repetitions, documents);

    /// <summary>All cells of in-memory documents, read as <paramref name="evidence"/> (e.g. <see cref="BaselineEvidence.Paired"/> for <c>compare --paired</c>).</summary>
    public static BaselineSet FromDocuments(BaselineEvidence evidence, params IEnumerable<BaselineDocument> documents) =>
        new([.. documents.SelectMany(d => d.Cells.Select(c => new BaselineEntry(c, d.Fingerprint, d.Run, null) { Evidence = evidence }))]);

    /// <summary>The entry for <paramref name="cell"/>, or null.</summary>
    public BaselineEntry? Find(CellKey cell) => Entries.FirstOrDefault(e => e.Record.Cell == cell);
}

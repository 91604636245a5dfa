using EnergyGate.Core.Baselines;
using EnergyGate.Core.Configuration;

namespace EnergyGate.Core.Measurement;

/// <summary>Reads a results file recorded earlier (on another machine, by a shard, by the base branch) into a summary.</summary>
public static class RunResults
{
    /// <summary>
    /// Summarises <paramref name="resultsPath"/>; pass@k uses the k values configured for each suite.
    /// The file must hold one run (<see cref="ResultsJournal.ReadAsync"/>); cells it holds only in
    /// part are listed in <see cref="RunSummaryFile.Incomplete"/>.
    /// </summary>
    public static async Task<RunSummaryFile> LoadAsync(string resultsPath, IReadOnlyList<SuiteSettings> suites, CancellationToken ct = default) =>
        (await ReadAsync(resultsPath, suites, ct)).Summary;

    /// <summary>
    /// As <see cref="LoadAsync"/>, and also returns the records read, so a caller that needs the
    /// per-sample records too (the reports' waste findings) does not read a large file twice.
    /// </summary>
    public static async Task<LoadedResults> ReadAsync(string resultsPath, IReadOnlyList<SuiteSettings> suites, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(suites);
        var (records, _) = await ResultsJournal.ReadAsync(resultsPath, ct);
        if (records.Count == 0 || records[0] is not RunHeader header)
        {
            throw new EnergyGateException($"{resultsPath}: not a results file of `dotnet energygate run` (it must start with a run header line).");
        }
        if (header.Shard is { } shard)
        {
            throw new EnergyGateException(
                $"EG2041: {resultsPath} holds shard {shard.Label} of a plan, not the whole plan: gating a part against baselines of the whole would mislead. "
                + "Merge every shard first (`dotnet energygate merge SHARDS... --out merged.jsonl`), then gate the merged file.");
        }
        if (!records.OfType<SampleRecord>().Any())
        {
            throw new EnergyGateException($"{resultsPath}: holds no samples; the run stopped before its first sample finished.");
        }
        var ks = header.Cells.ToDictionary(
            id => id,
            id => suites.FirstOrDefault(s => s.Name == CellKey.Parse(id).Suite)?.K ?? (IReadOnlyList<int>)[1]);
        var summary = new RunSummaryFile(header, Path.GetFullPath(resultsPath), RunSummarizer.Summarize(records, ks))
        {
            Incomplete = RunCompleteness.Incomplete(header, records, resultsPath),
            // Shards ran on different machines: one shard's probes are no reference for another's.
            Noise = header.MergedShards is null ? Noise.NoiseSummary.From(records) : null,
        };
        return new LoadedResults(summary, records);
    }
}

/// <summary>A results file's summary and the records it was built from.</summary>
/// <param name="Summary">As <see cref="RunResults.LoadAsync"/> gives it.</param>
/// <param name="Records">Every complete record of the file, in file order.</param>
public sealed record LoadedResults(RunSummaryFile Summary, IReadOnlyList<JournalRecord> Records);

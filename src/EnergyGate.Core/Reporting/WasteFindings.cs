using EnergyGate.Core.Measurement;
using EnergyGate.Core.Waste.Amplification;

namespace EnergyGate.Core.Reporting;

/// <summary>Prefill amplification of one cell, with the samples its chart draws.</summary>
/// <param name="Cell">Cell id as the results file names it.</param>
/// <param name="Analysis">The analysis of <paramref name="Samples"/>.</param>
/// <param name="Samples">(prompt tokens, decode J/token) of each sample that generated tokens.</param>
public sealed record CellAmplification(string Cell, AmplificationResult Analysis, IReadOnlyList<(int PromptTokens, double DecodeJoulesPerToken)> Samples);

/// <summary>
/// What the reports say about waste, from the per-sample records rather than the gate's
/// per-repetition figures: the babbling-suppression study and prefill amplification per cell.
/// </summary>
/// <param name="Study">The suppression study's rows; empty when the run was no study.</param>
/// <param name="Amplification">Per cell, in the order the results file first names it.</param>
public sealed record WasteFindings(IReadOnlyList<StudyRow> Study, IReadOnlyList<CellAmplification> Amplification)
{
    /// <summary>No waste findings (no per-sample records, e.g. a baseline or a summary only).</summary>
    public static WasteFindings None { get; } = new([], []);

    /// <summary>Analyses the records of one results file, read once by the caller.</summary>
    public static WasteFindings From(IReadOnlyList<JournalRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var cells = records.OfType<SampleRecord>().GroupBy(s => s.Cell, StringComparer.Ordinal)
            .Select(g => new CellAmplification(g.Key, PrefillAmplification.FromJournal(g),
                [.. g.Where(s => s.GeneratedTokens > 0).Select(s => (s.PromptTokens, s.DecodeJoules / s.GeneratedTokens))]))
            .ToList();
        return new(SuppressionStudy.Analyze(records), cells);
    }

    /// <summary>The cells with enough spread in prompt length for an amplification estimate: what the reports show.</summary>
    public IEnumerable<CellAmplification> Estimated => Amplification.Where(a => a.Analysis.HasSpread);
}

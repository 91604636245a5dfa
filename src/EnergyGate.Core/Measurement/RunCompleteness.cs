using EnergyGate.Core.Baselines;

namespace EnergyGate.Core.Measurement;

/// <summary>Compares what a results file holds with what its header says the plan records.</summary>
public static class RunCompleteness
{
    /// <summary>
    /// The cells with fewer samples (or scores) than the header's <c>expected_samples</c>, in plan
    /// order; empty when the header predates that field, since completeness is then unknown.
    /// </summary>
    public static IReadOnlyList<CellCompleteness> Incomplete(RunHeader header, IReadOnlyList<JournalRecord> records, string resultsPath)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(records);
        if (header.ExpectedSamples is not { } expected)
        {
            return [];
        }
        var samples = records.OfType<SampleRecord>().GroupBy(s => s.Cell, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var keys = records.OfType<SampleRecord>().Select(s => s.Key).ToHashSet();
        var scored = records.OfType<ScoreRecord>().Where(s => keys.Contains(s.Key)).GroupBy(s => s.Cell, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var source = Path.GetFileName(resultsPath);
        return [.. header.Cells.Where(expected.ContainsKey)
            .Select(cell => new CellCompleteness(CellKey.Parse(cell), expected[cell], samples.GetValueOrDefault(cell), scored.GetValueOrDefault(cell), source))
            .Where(c => c.Samples != c.ExpectedSamples || c.ScoredSamples != c.Samples)];
    }
}

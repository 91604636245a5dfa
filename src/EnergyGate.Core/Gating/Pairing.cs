using EnergyGate.Core.Baselines;

namespace EnergyGate.Core.Gating;

/// <summary>
/// When two results files may be compared pair by pair (<c>compare --paired</c>): both were recorded
/// from the same plan (same settings hash: repetitions, warm-up, seed, decoding, cells) and every cell
/// on both sides holds the same number of values per metric, so repetition i of the base ran in the
/// same round as repetition i of the head (<c>run --round R/M</c> appends the same rounds to both files),
/// or both files are the two sides of one interleaved job.
/// </summary>
public static class Pairing
{
    /// <summary>
    /// Why two results files cannot be paired; empty when they can. The two sides of one interleaved
    /// job (<c>ab</c>) pair by construction although their plans differ: that difference is what is under test.
    /// </summary>
    public static IReadOnlyList<string> Problems(Measurement.RunHeader baseHeader, CandidateSet baseRun, Measurement.RunHeader headHeader, CandidateSet head)
    {
        ArgumentNullException.ThrowIfNull(baseHeader);
        ArgumentNullException.ThrowIfNull(headHeader);
        var oneJob = baseHeader.Interleaved is { } b && headHeader.Interleaved is { } h && b.Job == h.Job && b.Side != h.Side;
        return Problems(baseHeader.SettingsHash, baseRun, oneJob ? baseHeader.SettingsHash : headHeader.SettingsHash, head);
    }

    /// <summary>Why the two runs cannot be paired; empty when they can.</summary>
    public static IReadOnlyList<string> Problems(string baseSettingsHash, CandidateSet baseRun, string headSettingsHash, CandidateSet head)
    {
        ArgumentNullException.ThrowIfNull(baseRun);
        ArgumentNullException.ThrowIfNull(head);
        var problems = new List<string>();
        if (baseSettingsHash != headSettingsHash)
        {
            problems.Add($"the files were recorded from different plans (settings hash {baseSettingsHash} vs {headSettingsHash})");
        }
        var skipped = baseRun.Incomplete.Concat(head.Incomplete).Select(i => i.Cell).ToHashSet();
        foreach (var b in baseRun.Cells.Where(c => !skipped.Contains(c.Cell)))
        {
            if (head.Cells.FirstOrDefault(h => h.Cell == b.Cell) is not { } h)
            {
                continue;
            }
            foreach (var (metric, values) in b.Measurements.Metrics)
            {
                if (h.Measurements.Metrics.TryGetValue(metric, out var other) && other.Count != values.Count)
                {
                    problems.Add($"{b.Cell} {metric}: {values.Count} repetitions in the base, {other.Count} in the head");
                }
            }
        }
        return problems;
    }
}

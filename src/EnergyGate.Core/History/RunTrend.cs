using EnergyGate.Core.Gating;

namespace EnergyGate.Core.History;

/// <summary>
/// What the reports draw trends from: the recorded runs of the candidate's machine class, oldest
/// first, with the run being reported as the last entry.
/// </summary>
/// <param name="MachineClass">The candidate's machine class.</param>
/// <param name="Entries">Recorded runs, then the current run last.</param>
public sealed record RunTrend(string MachineClass, IReadOnlyList<HistoryEntry> Entries)
{
    /// <summary>Recorded runs a report draws besides the current one.</summary>
    public const int DefaultLast = 30;

    /// <summary>The run being reported.</summary>
    public HistoryEntry Current => Entries[^1];

    /// <summary>
    /// The trend of <paramref name="result"/>'s machine class: its last <paramref name="last"/> recorded
    /// runs and the current run; null when nothing is recorded yet (a missing or empty folder draws no
    /// trend). A recorded entry of the current commit (a re-run after recording) is left out, so the
    /// run is not drawn twice.
    /// </summary>
    public static RunTrend? Load(HistoryStore store, GateResult result, int last = DefaultLast)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentOutOfRangeException.ThrowIfLessThan(last, 1);
        var machineClass = result.Candidate.Fingerprint.MachineClass;
        var current = HistoryEntries.From(result.Candidate, result.Verdict);
        var recorded = store.Read(machineClass).Where(e => e.Commit != current.Commit).TakeLast(last).ToList();
        return recorded.Count == 0 ? null : new RunTrend(machineClass, [.. recorded, current]);
    }
}

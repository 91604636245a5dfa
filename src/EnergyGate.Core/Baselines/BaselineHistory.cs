namespace EnergyGate.Core.Baselines;

/// <summary>
/// How <c>baseline update</c> keeps runs (schema 2): the new run becomes the cell's measurements,
/// the run it replaces moves to the end of the history, and only the last <c>keep</c> runs in all stay.
/// </summary>
public static class BaselineHistory
{
    /// <summary>
    /// <paramref name="latest"/> with the runs of <paramref name="previous"/> (the file it replaces, or
    /// null) appended before it, trimmed to <paramref name="keep"/> runs. A previous record whose
    /// settings under test differ (another model, runtime, decoding...) measured something else: its
    /// runs are dropped and the history starts again.
    /// </summary>
    public static CellRecord Append(CellRecord latest, CellRecord? previous, RunInfo previousRun, int keep)
    {
        ArgumentNullException.ThrowIfNull(latest);
        ArgumentNullException.ThrowIfNull(previousRun);
        ArgumentOutOfRangeException.ThrowIfLessThan(keep, 1);
        if (previous is null || previous.Cell != latest.Cell || !SameSettings(previous.UnderTest, latest.UnderTest))
        {
            return latest with { History = null };
        }
        var asRun = new BaselineRun(previousRun.ToolVersion, previousRun.Commit, previousRun.CreatedAt, previous.Measurements.Metrics);
        var runs = (previous.History ?? []).Append(asRun).ToList();
        var kept = runs.Skip(Math.Max(0, runs.Count - (keep - 1))).ToList();
        return latest with { History = kept.Count == 0 ? null : kept };
    }

    private static bool SameSettings(UnderTest a, UnderTest b) =>
        a.Settings.Count == b.Settings.Count && a.Settings.All(kv => b.Settings.TryGetValue(kv.Key, out var v) && v == kv.Value);
}

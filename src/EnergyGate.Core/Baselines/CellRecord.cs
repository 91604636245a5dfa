using System.Text.Json.Serialization;

namespace EnergyGate.Core.Baselines;

/// <summary>One cell's settings and results: the unit a baseline file stores and the gate compares.</summary>
/// <param name="Cell">Which cell.</param>
/// <param name="UnderTest">What was measured (weights hash, versions, decoding...).</param>
/// <param name="Measurements">Raw per-repetition values and per-task outcomes.</param>
public sealed record CellRecord(CellKey Cell, UnderTest UnderTest, CellMeasurements Measurements)
{
    /// <summary>
    /// In a baseline file (schema 2): earlier runs of the cell, oldest first, with the same settings
    /// under test; <see cref="Measurements"/> is the latest run. Null for a run's own cells and for a
    /// one-run baseline (every schema 1 file), and then not written.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<BaselineRun>? History { get; init; }

    /// <summary>Metric values of every stored run of <paramref name="metric"/>, oldest first, the latest last; runs without it are skipped.</summary>
    public IReadOnlyList<IReadOnlyList<double>> RunsOf(string metric)
    {
        var earlier = (History ?? []).Select(r => r.Metrics.TryGetValue(metric, out var v) ? v : []);
        var latest = Measurements.Metrics.TryGetValue(metric, out var l) ? l : [];
        return [.. earlier.Append(latest).Where(v => v.Count > 0)];
    }
}

namespace EnergyGate.Core.Baselines;

/// <summary>
/// Raw results of one cell. Raw values, never summaries, so the gate can run rank tests and
/// intervals on both sides and a baseline can be re-evaluated under a new policy.
/// </summary>
/// <param name="Metrics">
/// Per metric id (<see cref="MetricIds"/>) one value per repetition, e.g. the cell's mean joules per
/// problem in each repetition.
/// </param>
/// <param name="Outcomes">
/// Per task id the pass/fail of each sample (or repetition), in order; the paired accuracy test
/// compares the same task on both sides.
/// </param>
/// <param name="SampleScores">Per LongBench sample id its similarity score in [0, 1] (not gated yet).</param>
/// <param name="EnergyKinds">
/// Per energy metric the kind of its numbers where it differs from the fingerprint's
/// (e.g. prefill joules Attributed on a Measured machine); missing entries use the fingerprint's.
/// </param>
public sealed record CellMeasurements(
    IReadOnlyDictionary<string, IReadOnlyList<double>> Metrics,
    IReadOnlyDictionary<string, IReadOnlyList<bool>> Outcomes,
    IReadOnlyDictionary<string, double> SampleScores,
    IReadOnlyDictionary<string, MeterKind> EnergyKinds)
{
    /// <summary>Measurements with only metric values.</summary>
    public static CellMeasurements OfMetrics(IReadOnlyDictionary<string, IReadOnlyList<double>> metrics) =>
        new(metrics, new Dictionary<string, IReadOnlyList<bool>>(), new Dictionary<string, double>(), new Dictionary<string, MeterKind>());
}

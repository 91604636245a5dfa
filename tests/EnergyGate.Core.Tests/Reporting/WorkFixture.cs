using EnergyGate.Core.Baselines;
using EnergyGate.Core.Gating;
using static EnergyGate.Core.Tests.Gating.GateFixtures;

namespace EnergyGate.Core.Tests.Reporting;

/// <summary>
/// Three cells for the energy and work section: one doing 12 % more work at the same energy per unit
/// of work, one doing the same work for 12 % more energy, and one whose model has no shape to count.
/// Work figures are those of a ~0.6B model (1.2 GFLOP prefill, 45.6 GFLOP decode, 12.3 MB per token);
/// energy noise is 0.1 % so the splits read cleanly.
/// </summary>
internal static class WorkFixture
{
    public static readonly CellKey MoreWork = Cell with { Model = "more-work" };
    public static readonly CellKey LessEfficient = Cell with { Model = "less-efficient" };
    public static readonly CellKey NoShape = Cell with { Model = "no-shape" };

    public static GateResult Result()
    {
        var baseline = Baseline(
            WithWork(Record(31, 120, 0.001, cell: MoreWork), 1.0),
            WithWork(Record(33, 120, 0.001, cell: LessEfficient), 1.0),
            Record(35, 120, 0.001, cell: NoShape));
        var candidate = Candidate(
            WithWork(Record(32, 134.4, 0.001, cell: MoreWork), 1.12),
            WithWork(Record(34, 134.4, 0.001, cell: LessEfficient), 1.0),
            Record(36, 120, 0.001, cell: NoShape));
        return Gate.Evaluate(baseline, candidate, GatePolicy.Default, Today);
    }

    /// <summary>Adds exact work (equal in every repetition, as under greedy decoding) scaled by <paramref name="scale"/>.</summary>
    public static CellRecord WithWork(CellRecord record, double scale)
    {
        var n = record.Measurements.Metrics[MetricIds.JoulesPerProblem].Count;
        IReadOnlyList<double> Repeat(double value) => [.. Enumerable.Repeat(value * scale, n)];
        var metrics = new Dictionary<string, IReadOnlyList<double>>(record.Measurements.Metrics)
        {
            [MetricIds.PrefillFlops] = Repeat(1.2e9),
            [MetricIds.DecodeFlops] = Repeat(45.6e9),
            [MetricIds.FlopsPerProblem] = Repeat(46.8e9),
            [MetricIds.DecodeBytesPerToken] = Repeat(12.3e6),
        };
        return record with { Measurements = record.Measurements with { Metrics = metrics } };
    }
}

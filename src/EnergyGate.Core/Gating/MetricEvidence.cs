using EnergyGate.Core.Baselines;
using EnergyGate.Core.Statistics;

namespace EnergyGate.Core.Gating;

/// <summary>
/// Chooses the test for one metric by what the baseline's values are evidence of: repetitions of
/// one run share its machine state, so only runs (or interleaved pairs) count as independent.
/// </summary>
internal static class MetricEvidence
{
    public static MetricComparison Compare(BaselineEntry entry, string metric, IReadOnlyList<double> candidate, ComparisonThresholds thresholds)
    {
        var direction = MetricCatalog.Get(metric).Direction;
        var baseline = entry.Record.Measurements.Metrics[metric];
        return entry.Evidence switch
        {
            BaselineEvidence.Paired => PairedComparer.Compare(metric, direction, baseline, candidate, thresholds),
            BaselineEvidence.Runs => RunHistoryComparer.Compare(metric, direction, entry.Record.RunsOf(metric), candidate, thresholds),
            _ => MetricComparer.Compare(metric, direction, baseline, candidate, thresholds),
        };
    }
}

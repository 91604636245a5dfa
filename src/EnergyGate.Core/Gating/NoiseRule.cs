using EnergyGate.Core.Baselines;
using EnergyGate.Core.Measurement.Noise;
using EnergyGate.Core.Statistics;

namespace EnergyGate.Core.Gating;

/// <summary>
/// The gate's noise rule: on a run whose machine was too noisy (<see cref="NoiseVerdict"/>), a
/// regression of a metric that moves with time (energy, tokens/s, TTFT) that the machine's own
/// movement could explain is not evidence against the code, so it becomes inconclusive (EG1003)
/// with the reason. A regression far beyond that movement stays one, with a note. Improvements,
/// no-change results, acknowledged regressions, accuracy and exact work counts are left alone. Real
/// counters (RAPL, NVML) are judged the same way: a slower machine still takes longer and spends more.
/// Paired evidence (an interleaved job, alternating rounds) is left alone: the movement hit both sides.
/// </summary>
internal static class NoiseRule
{
    private static readonly HashSet<string> TimeMetrics = [MetricIds.TokensPerSecond, MetricIds.BatchTokensPerSecond, MetricIds.TtftSeconds];

    /// <summary>Rewrites <paramref name="findings"/> in place and returns the cells with their comparisons rewritten to match.</summary>
    public static List<CellResult> Apply(CandidateSet candidate, GatePolicy policy, List<CellResult> cells, List<Finding> findings)
    {
        var run = NoiseSummary.FromDetails(candidate.Fingerprint.Details);
        if (run is null || !policy.Noise.Enabled)
        {
            return cells;
        }
        // Interleaved pairs share the machine's movement, so it cancels in each pair's ratio and the
        // signed-rank test already carries what is left; only unpaired evidence is judged for noise.
        var paired = cells.Where(c => c.Baseline?.Evidence == BaselineEvidence.Paired).Select(c => c.Cell).ToHashSet();
        // Against a stored baseline, a machine slower throughout than when the baseline was recorded
        // counts too: its probes are steady among themselves, yet every sample pays the slowdown.
        var summaries = cells.ToDictionary(c => c.Cell, c => run.Against(c.Baseline is { } b ? NoiseSummary.FromDetails(b.Fingerprint.Details) : null));
        NoiseVerdict? Noisy(CellKey cell, string? metric) =>
            metric is not null && !paired.Contains(cell) && MovesWithTime(metric)
            && NoiseVerdict.Judge(summaries.GetValueOrDefault(cell, run), policy.Noise, policy.ThresholdsFor(cell, metric).Warn) is { TooNoisy: true } v ? v : null;
        var comparisons = cells.SelectMany(c => c.Metrics.Select(m => (c.Cell, m))).GroupBy(x => (x.Cell, x.m.Metric)).ToDictionary(g => g.Key, g => g.Last().m);
        bool Explained(CellKey cell, string metric) => !comparisons.TryGetValue((cell, metric), out var m) || NoiseVerdict.CanExplain(summaries.GetValueOrDefault(cell, run), m.Ratio.Lower, policy.Noise.ExplainFactor);
        for (var i = 0; i < findings.Count; i++)
        {
            var f = findings[i];
            if (f.Id is not (FindingIds.Regression or FindingIds.Warning) || Noisy(f.Cell, f.Metric) is not { } verdict)
            {
                continue;
            }
            findings[i] = Explained(f.Cell, f.Metric!)
                ? new Finding(FindingIds.Inconclusive, FindingLevel.Warning, f.Cell, f.Metric, $"{f.Message}; not judged: machine {verdict.Text}")
                : f with { Message = $"{f.Message}; the machine was {verdict.Text}, but this is more than {policy.Noise.ExplainFactor.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)} times its own movement ({NoiseVerdict.Percent(summaries.GetValueOrDefault(f.Cell, run).Movement)})" };
        }
        return [.. cells.Select(c => c with
        {
            Metrics = [.. c.Metrics.Select(m => m.Outcome == Outcome.Worse && Noisy(c.Cell, m.Metric) is { } v && NoiseVerdict.CanExplain(summaries[c.Cell], m.Ratio.Lower, policy.Noise.ExplainFactor)
                ? m with { Outcome = Outcome.Inconclusive, Severity = Severity.None, Reason = $"{m.Reason}; not judged: machine {v.Text}" }
                : m)],
        })];
    }

    private static bool MovesWithTime(string metric) => TimeMetrics.Contains(metric) || MetricCatalog.Find(metric) is { IsEnergy: true };
}

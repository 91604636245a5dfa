using System.Globalization;
using System.Text.Json;
using EnergyGate.Core.Baselines;
using EnergyGate.Core.Statistics;

namespace EnergyGate.Core.Gating;

/// <summary>
/// Exact comparison of work counts (<see cref="MetricCatalog.ExactWork"/>). With greedy decoding on
/// both sides the same model and prompts give the same tokens, FLOPs and bytes on any machine, so
/// there is no noise to test against: any change beyond <see cref="GatePolicy.WorkTolerance"/> is real.
/// </summary>
internal static class ExactWork
{
    /// <summary>True when both sides recorded greedy decoding (temperature 0); sampled runs are compared statistically instead.</summary>
    public static bool Applies(UnderTest baseline, UnderTest candidate) => IsGreedy(baseline) && IsGreedy(candidate);

    /// <summary>Compares each exact work metric present on both sides and adds EG1013 (more work) or EG1014 (less work) findings.</summary>
    public static List<MetricComparison> Compare(
        CellMeasurements baseline, CellMeasurements candidate, CellKey cell, GatePolicy policy, DateOnly today, List<Finding> findings)
    {
        var results = new List<MetricComparison>();
        foreach (var id in MetricCatalog.ExactWork)
        {
            if (!baseline.Metrics.TryGetValue(id, out var b) || !candidate.Metrics.TryGetValue(id, out var c) || b.Count == 0 || c.Count == 0)
            {
                continue;
            }
            var comparison = Compare(id, b, c, policy.WorkTolerance);
            results.Add(comparison);
            var text = $"{cell}: {id} {Number(comparison.BaselineMedian)} -> {Number(comparison.CandidateMedian)} ({FindingRules.Percent(comparison.Ratio.Estimate)}), {comparison.Reason}";
            if (comparison.Outcome == Outcome.Worse)
            {
                FindingRules.AddAcknowledgeable(FindingIds.WorkIncreased, FindingLevel.Error, cell, id, text, policy, today, findings);
            }
            else if (comparison.Outcome == Outcome.Better)
            {
                findings.Add(new Finding(FindingIds.WorkDecreased, FindingLevel.Notice, cell, id, text));
            }
        }
        return results;
    }

    /// <summary>One metric: the medians over repetitions (all equal when decoding is greedy) and their exact ratio.</summary>
    public static MetricComparison Compare(string id, IReadOnlyList<double> baseline, IReadOnlyList<double> candidate, double tolerance)
    {
        var before = Median.Of([.. baseline]);
        var after = Median.Of([.. candidate]);
        var ratio = before == 0 ? (after == 0 ? 1 : double.PositiveInfinity) : after / before;
        var outcome = ratio > 1 + tolerance ? Outcome.Worse : ratio < 1 - tolerance ? Outcome.Better : Outcome.Indistinguishable;
        var reason = string.Create(CultureInfo.InvariantCulture, $"exact count (greedy decoding on both sides), tolerance {tolerance * 100:0.###}%");
        return new MetricComparison(id, baseline.Count, candidate.Count, before, after, new EffectInterval(ratio, ratio, ratio),
            outcome == Outcome.Worse ? 0 : 1, outcome == Outcome.Better ? 0 : 1, outcome,
            outcome == Outcome.Worse ? Severity.Fail : Severity.None, reason);
    }

    private static bool IsGreedy(UnderTest underTest)
    {
        if (!underTest.Settings.TryGetValue(UnderTest.Decoding, out var json))
        {
            return false;
        }
        try
        {
            using var doc = JsonDocument.Parse(json);
            return doc.RootElement.ValueKind == JsonValueKind.Object
                && doc.RootElement.TryGetProperty("Temperature", out var t) && t.ValueKind == JsonValueKind.Number && t.GetDouble() == 0;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string Number(double value) => value.ToString("#,0.##", CultureInfo.InvariantCulture);
}

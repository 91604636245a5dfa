using System.Globalization;
using EnergyGate.Core.Baselines;
using EnergyGate.Core.Statistics;

namespace EnergyGate.Core.Gating;

/// <summary>Turns comparisons into findings, applying acknowledgements.</summary>
internal static class FindingRules
{
    public static void AddMetric(MetricComparison c, CellKey cell, GatePolicy policy, DateOnly today, List<Finding> findings)
    {
        var change = Invariant($"{c.Metric} {Percent(c.Ratio.Estimate)} [{Percent(c.Ratio.Lower)}, {Percent(c.Ratio.Upper)}]");
        switch (c.Outcome)
        {
            case Outcome.Worse:
                var (id, level) = c.Severity == Severity.Fail ? (FindingIds.Regression, FindingLevel.Error) : (FindingIds.Warning, FindingLevel.Warning);
                AddAcknowledgeable(id, level, cell, c.Metric, $"{cell}: {change}, {c.Reason}", policy, today, findings);
                break;
            case Outcome.Inconclusive:
                AddAcknowledgeable(FindingIds.Inconclusive, FindingLevel.Warning, cell, c.Metric, $"{cell}: {change}, {c.Reason}", policy, today, findings);
                break;
            case Outcome.Better:
                findings.Add(new Finding(FindingIds.Improvement, FindingLevel.Notice, cell, c.Metric, $"{cell}: {change}, {c.Reason}"));
                break;
            default:
                break;
        }
    }

    public static void AddAccuracy(AccuracyComparison a, CellKey cell, GatePolicy policy, DateOnly today, List<Finding> findings)
    {
        var text = $"{cell}: accuracy {a.Reason}";
        switch (a.Outcome)
        {
            case Outcome.Worse:
                AddAcknowledgeable(FindingIds.AccuracyDrop, FindingLevel.Error, cell, MetricIds.Accuracy, text, policy, today, findings);
                break;
            case Outcome.Inconclusive:
                AddAcknowledgeable(FindingIds.Inconclusive, FindingLevel.Warning, cell, MetricIds.Accuracy, text, policy, today, findings);
                break;
            case Outcome.Better:
                findings.Add(new Finding(FindingIds.Improvement, FindingLevel.Notice, cell, MetricIds.Accuracy, text));
                break;
            default:
                break;
        }
    }

    /// <summary>Accuracy is gated but was not compared: say why, instead of passing it silently.</summary>
    public static void AddAccuracyNotCompared(
        IReadOnlyDictionary<string, IReadOnlyList<bool>> baseline, IReadOnlyDictionary<string, IReadOnlyList<bool>> candidate, CellKey cell, List<Finding> findings)
    {
        // Understanding cells have no outcomes on either side: nothing is skipped there.
        var why = (baseline.Count, candidate.Count) switch
        {
            (0, 0) => null,
            (0, _) => "the baseline has no per-task outcomes; re-record it with `dotnet energygate baseline update` to gate accuracy",
            (_, 0) => "this run has no per-task outcomes (were its samples scored?)",
            _ => "no task has outcomes on both sides",
        };
        if (why is not null)
        {
            findings.Add(new Finding(FindingIds.AccuracyNotCompared, FindingLevel.Warning, cell, MetricIds.Accuracy, $"{cell}: accuracy not gated: {why}"));
        }
    }

    // An unexpired acknowledgement turns the finding into EG1006; an expired one that would have
    // matched no longer applies, and EG1007 says so next to the finding it failed to cover.
    public static void AddAcknowledgeable(
        string id, FindingLevel level, CellKey cell, string metric, string message, GatePolicy policy, DateOnly today, List<Finding> findings)
    {
        var matching = policy.Acknowledgements.Where(a => a.Matches(cell, metric)).ToList();
        var active = matching.Where(a => a.Expires >= today).OrderByDescending(a => a.Expires).FirstOrDefault();
        if (active is not null)
        {
            findings.Add(new Finding(FindingIds.Acknowledged, FindingLevel.Notice, cell, metric,
                Invariant($"{message} (acknowledged until {active.Expires:yyyy-MM-dd}: {active.Reason})")));
            return;
        }
        var expired = matching.OrderByDescending(a => a.Expires).FirstOrDefault();
        findings.Add(new Finding(id, level, cell, metric, expired is null ? message : Invariant($"{message} (acknowledgement expired {expired.Expires:yyyy-MM-dd})")));
        if (expired is not null)
        {
            findings.Add(new Finding(FindingIds.ExpiredAcknowledgement, FindingLevel.Warning, cell, metric,
                Invariant($"{cell}: the acknowledgement of {metric} expired on {expired.Expires:yyyy-MM-dd} and no longer applies ({expired.Reason}); renew it or fix the regression")));
        }
    }

    public static string Percent(double ratio) =>
        double.IsFinite(ratio) ? ((ratio - 1) * 100).ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture) + "%" : "n/a";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

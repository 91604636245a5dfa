using EnergyGate.Core.Gating;

namespace EnergyGate.Core.Reporting;

/// <summary>The first line of every report: the verdict in words, with counts of cells.</summary>
public static class VerdictLine
{
    /// <summary>e.g. "Energy regression in 2 of 6 cells", "No significant change".</summary>
    public static string For(GateResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var total = result.Cells.Count;
        int Cells(params string[] ids) => result.Findings.Where(f => ids.Contains(f.Id)).Select(f => f.Cell).Distinct().Count();
        string Of(int n) => $"{n} of {total} cell{(total == 1 ? "" : "s")}";
        switch (result.Verdict)
        {
            case GateVerdict.Regression:
                // Each kind of failure that occurred, most common first; the first is capitalised.
                var failures = new (string Id, string Words)[]
                {
                    (FindingIds.Regression, "energy regression"), (FindingIds.AccuracyDrop, "accuracy drop"),
                    (FindingIds.BudgetExceeded, "budget breached"), (FindingIds.WorkIncreased, "more work"),
                }.Where(k => Cells(k.Id) > 0).Select(k => $"{k.Words} in {Of(Cells(k.Id))}").ToList();
                var line = failures.Count > 0 ? string.Join("; ", failures) : "regression; see the findings below";
                return char.ToUpperInvariant(line[0]) + line[1..];
            case GateVerdict.Inconclusive:
                var noisy = Cells(FindingIds.Inconclusive);
                var incomplete = Cells(FindingIds.Incomplete);
                return (noisy, incomplete) switch
                {
                    (> 0, > 0) => $"Inconclusive: {Of(noisy)} too noisy to decide; {Of(incomplete)} incomplete",
                    (_, > 0) => $"Inconclusive: {Of(incomplete)} incomplete (the run stopped early)",
                    _ => $"Inconclusive: {Of(noisy)} too noisy to decide",
                };
            case GateVerdict.Incomparable:
                return $"Incomparable: {Of(Cells(FindingIds.Incomparable))} measured on another machine class or meter";
            case GateVerdict.Warning:
                var warned = Cells(FindingIds.Warning, FindingIds.ExpiredAcknowledgement, FindingIds.MetricMissing);
                var unGated = Cells(FindingIds.AccuracyNotCompared);
                var missing = Cells(FindingIds.NoBaseline);
                var parts = new List<string>();
                if (warned > 0)
                {
                    parts.Add($"energy increase above the warn threshold in {Of(warned)}");
                }
                if (missing > 0)
                {
                    parts.Add($"no baseline for {Of(missing)}");
                }
                if (unGated > 0)
                {
                    parts.Add($"accuracy not gated in {Of(unGated)}");
                }
                return parts.Count > 0 ? $"No failing change: {string.Join("; ", parts)}" : "No failing change; see the warnings below";
            default:
                var better = Cells(FindingIds.Improvement);
                return better > 0 ? $"No significant regression; improvement in {Of(better)}" : "No significant change";
        }
    }
}

using System.Globalization;
using EnergyGate.Core.Scoring;

namespace EnergyGate.Core.Statistics;

/// <summary>
/// Paired accuracy test: the same tasks run on both sides, so a per-task comparison (McNemar on the
/// discordant tasks) sees a drop that two independent pass rates would hide in their spread.
/// </summary>
public static class AccuracyComparer
{
    /// <summary>Compares per-task outcomes (task id to pass/fail per sample).</summary>
    /// <param name="baseline">Baseline outcomes.</param>
    /// <param name="candidate">Candidate outcomes.</param>
    /// <param name="tolerancePoints">pass@1 drop in percentage points that is tolerated (e.g. 1.0).</param>
    /// <param name="alpha">Significance level of the McNemar test.</param>
    /// <returns>The comparison, or null when no task is on both sides.</returns>
    public static AccuracyComparison? Compare(
        IReadOnlyDictionary<string, IReadOnlyList<bool>> baseline,
        IReadOnlyDictionary<string, IReadOnlyList<bool>> candidate,
        double tolerancePoints,
        double alpha)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(candidate);
        var paired = baseline.Keys.Where(k => candidate.TryGetValue(k, out var c) && c.Count > 0 && baseline[k].Count > 0)
            .Order(StringComparer.Ordinal).ToList();
        if (paired.Count == 0)
        {
            return null;
        }
        var unpaired = baseline.Keys.Union(candidate.Keys).Count() - paired.Count;
        int lost = 0, gained = 0;
        foreach (var task in paired)
        {
            var (b, c) = (Solved(baseline[task]), Solved(candidate[task]));
            lost += b && !c ? 1 : 0;
            gained += c && !b ? 1 : 0;
        }
        var basePass = PassAt1(baseline, paired);
        var candPass = PassAt1(candidate, paired);
        var drop = (basePass - candPass) * 100;
        var p = SignificanceTests.McNemarWorse(lost, gained);
        var pBetter = SignificanceTests.McNemarWorse(gained, lost);
        var (outcome, reason) = (drop > tolerancePoints, p < alpha) switch
        {
            (true, true) => (Outcome.Worse, Invariant($"pass@1 dropped {drop:0.##} points (lost {lost}, gained {gained}; McNemar p = {p:G3})")),
            (true, false) => (Outcome.Inconclusive, Invariant($"pass@1 dropped {drop:0.##} points but not significantly (McNemar p = {p:G3})")),
            _ when pBetter < alpha && -drop > tolerancePoints => (Outcome.Better, Invariant($"pass@1 rose {-drop:0.##} points (McNemar p = {pBetter:G3})")),
            _ => (Outcome.Indistinguishable, Invariant($"pass@1 changed {-drop:+0.##;-0.##;0} points (lost {lost}, gained {gained})")),
        };
        return new AccuracyComparison(paired.Count, unpaired, basePass, candPass, lost, gained, drop, p, outcome, reason);
    }

    // Majority vote: with greedy decoding all samples agree; with sampling a task whose pass rate
    // moved from 1/10 to 2/10 has not changed from "unsolved".
    private static bool Solved(IReadOnlyList<bool> samples) => samples.Count(s => s) * 2 >= samples.Count;

    private static double PassAt1(IReadOnlyDictionary<string, IReadOnlyList<bool>> outcomes, List<string> tasks) =>
        PassAtK.Average([.. tasks.Select(t => (outcomes[t].Count, outcomes[t].Count(s => s)))], [1])[1];

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

using EnergyGate.Core.Baselines;
using EnergyGate.Core.Statistics;

namespace EnergyGate.Core.Gating;

/// <summary>
/// The gate: a pure function from baseline, candidate, policy and today's date to a verdict and
/// findings. It reads no clock, file or environment, so a recorded run always gives the same answer.
/// </summary>
public static class Gate
{
    /// <summary>Compares every candidate cell with its baseline under <paramref name="policy"/>.</summary>
    /// <exception cref="ArgumentException">The policy is invalid (see <see cref="GatePolicy.Validate"/>).</exception>
    public static GateResult Evaluate(BaselineSet baseline, CandidateSet candidate, GatePolicy policy, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(policy);
        var errors = policy.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("invalid gate policy: " + string.Join("; ", errors), nameof(policy));
        }
        var findings = new List<Finding>();
        var cells = new List<CellResult>();
        var budgets = new List<BudgetCheck>();
        foreach (var record in candidate.Cells.OrderBy(c => c.Cell.ToString(), StringComparer.Ordinal))
        {
            var incomplete = candidate.Incomplete.FirstOrDefault(i => i.Cell == record.Cell);
            cells.Add(incomplete is null
                ? EvaluateCell(baseline.Find(record.Cell), record, candidate.Fingerprint, policy, today, findings)
                : Incomplete(incomplete, baseline.Find(record.Cell), record, findings));
            // Absolute limits need no baseline: checked for every cell, whatever its comparison found.
            budgets.AddRange(BudgetsRule.Check(record, incomplete is not null, policy, findings));
        }
        // Budgets are left out of the noise rule on purpose: a limit is a line the run must stay under on
        // the machine it ran on; docs/gating.md asks for headroom instead.
        cells = NoiseRule.Apply(candidate, policy, cells, findings);
        return new GateResult(VerdictFor(findings, policy), findings, cells, candidate, policy, today) { Budgets = BudgetsRule.Table(policy, budgets) };
    }

    /// <summary>The exit code for <paramref name="verdict"/>: 0 pass, 1 regression, 3 inconclusive or incomparable only where the policy fails on them.</summary>
    public static GateExitCode ExitCodeFor(GateVerdict verdict, GatePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return (verdict, policy.FailOn) switch
        {
            (_, FailOn.Never) => GateExitCode.Pass,
            (GateVerdict.Regression, _) => GateExitCode.Regression,
            (GateVerdict.Inconclusive, FailOn.Inconclusive) => GateExitCode.InconclusiveOrIncomparable,
            (GateVerdict.Incomparable, _) when policy.Incomparable == IncomparableHandling.Fail => GateExitCode.InconclusiveOrIncomparable,
            _ => GateExitCode.Pass,
        };
    }

    private static CellResult EvaluateCell(
        BaselineEntry? entry, CellRecord candidate, EnvironmentFingerprint fingerprint, GatePolicy policy, DateOnly today, List<Finding> findings)
    {
        var cell = candidate.Cell;
        if (entry is null)
        {
            findings.Add(new Finding(FindingIds.NoBaseline, FindingLevel.Warning, cell, null,
                $"{cell}: no baseline; record one with `dotnet energygate baseline update` and commit it"));
            return new CellResult(cell, CellStatus.NoBaseline, candidate, null, [], null, [], []);
        }
        var (blocking, relaxed) = Comparability.FingerprintDifferences(entry.Fingerprint, fingerprint, policy.Comparability);
        var changes = Comparability.SettingChanges(entry.Record.UnderTest, candidate.UnderTest);
        var machineOnly = blocking.Count > 0;
        blocking.AddRange(changes.Where(c => policy.Comparability.StrictSettings.Contains(c.Key)));
        machineOnly &= blocking.All(c => !policy.Comparability.StrictSettings.Contains(c.Key));
        var exact = ExactWork.Applies(entry.Record.UnderTest, candidate.UnderTest);
        if (blocking.Count > 0 && policy.Incomparable != IncomparableHandling.CompareAnyway)
        {
            // Work does not depend on the machine: another machine class still tells whether the model or tokens changed.
            var work = exact && machineOnly ? ExactWork.Compare(entry.Record.Measurements, candidate.Measurements, cell, policy, today, findings) : [];
            var what = string.Join(", ", blocking.Select(c => $"{c.Key} {c.Old ?? "(none)"} -> {c.New ?? "(none)"}"));
            findings.Add(new Finding(FindingIds.Incomparable, FindingLevel.Warning, cell, null,
                $"{cell}: baseline measured elsewhere ({what}); not compared. {Comparability.IncomparableHint}"));
            return new CellResult(cell, CellStatus.Incomparable, candidate, entry, work, null, [.. relaxed, .. changes], blocking);
        }
        var metrics = exact
            ? [.. ExactWork.Compare(entry.Record.Measurements, candidate.Measurements, cell, policy, today, findings),
               .. CompareMetrics(entry, candidate.Measurements, cell, policy, today, findings, MetricCatalog.ExactWork)]
            : CompareMetrics(entry, candidate.Measurements, cell, policy, today, findings, []);
        var accuracy = policy.GateAccuracy
            ? AccuracyComparer.Compare(entry.Record.Measurements.Outcomes, candidate.Measurements.Outcomes, policy.AccuracyTolerancePoints, policy.AccuracyAlpha)
            : null;
        if (accuracy is not null)
        {
            FindingRules.AddAccuracy(accuracy, cell, policy, today, findings);
        }
        else if (policy.GateAccuracy)
        {
            FindingRules.AddAccuracyNotCompared(entry.Record.Measurements.Outcomes, candidate.Measurements.Outcomes, cell, findings);
        }
        return new CellResult(cell, CellStatus.Compared, candidate, entry, metrics, accuracy, [.. blocking, .. relaxed, .. changes], []);
    }

    // Half a run's repetitions would be compared as if they were all of them: report, never compare.
    private static CellResult Incomplete(CellCompleteness incomplete, BaselineEntry? entry, CellRecord candidate, List<Finding> findings)
    {
        findings.Add(new Finding(FindingIds.Incomplete, FindingLevel.Warning, candidate.Cell, null,
            $"{incomplete.Describe()}; not compared. Finish the run with `dotnet energygate run --resume --results {incomplete.Source}`"));
        return new CellResult(candidate.Cell, CellStatus.Incomplete, candidate, entry, [], null, [], []);
    }

    private static List<MetricComparison> CompareMetrics(
        BaselineEntry entry, CellMeasurements candidate, CellKey cell, GatePolicy policy, DateOnly today, List<Finding> findings,
        IReadOnlyList<string> comparedExactly)
    {
        var baseline = entry.Record.Measurements;
        var results = new List<MetricComparison>();
        var ids = baseline.Metrics.Keys.Union(candidate.Metrics.Keys).Except(comparedExactly)
            .OrderBy(MetricCatalog.Order).ThenBy(id => id, StringComparer.Ordinal);
        foreach (var id in ids)
        {
            var gated = policy.GatedMetrics.Contains(id);
            if (!baseline.Metrics.TryGetValue(id, out var b) || !candidate.Metrics.TryGetValue(id, out var c) || b.Count == 0 || c.Count == 0)
            {
                if (gated)
                {
                    var side = baseline.Metrics.ContainsKey(id) ? "candidate" : "baseline";
                    findings.Add(new Finding(FindingIds.MetricMissing, FindingLevel.Warning, cell, id, $"{cell}: {id} has no values on the {side} side; not compared"));
                }
                continue;
            }
            var comparison = MetricEvidence.Compare(entry, id, c, Thresholds(policy, cell, id, baseline));
            results.Add(comparison);
            if (gated)
            {
                FindingRules.AddMetric(comparison, cell, policy, today, findings);
            }
        }
        return results;
    }

    /// <summary>
    /// The policy's thresholds, with the global floor (joules, read per problem) turned into joules per
    /// token for decode J/token: a per-token change matters when it moves a problem's energy by the
    /// floor. Without this a 1 mJ floor hid every change of a small model's ~6 mJ/token (calibration:
    /// +10.2 % [+8.4 %, +11.8 %] read "Indistinguishable"). An override that sets the floor wins.
    /// </summary>
    private static ComparisonThresholds Thresholds(GatePolicy policy, CellKey cell, string metric, CellMeasurements baseline)
    {
        var thresholds = policy.ThresholdsFor(cell, metric);
        return metric == MetricIds.DecodeJoulesPerToken && !policy.OverridesFloor(cell, metric)
            && baseline.Metrics.TryGetValue(MetricIds.GeneratedTokens, out var tokens) && tokens.Count > 0 && Median.Of(tokens) is > 1 and var perProblem
            ? thresholds with { AbsoluteFloor = thresholds.AbsoluteFloor / perProblem }
            : thresholds;
    }

    // The most serious verdict under the policy: what fails comes before what is only reported.
    private static GateVerdict VerdictFor(List<Finding> findings, GatePolicy policy)
    {
        bool Any(string id) => findings.Any(f => f.Id == id);
        var regression = findings.Any(f => f.Level == FindingLevel.Error);
        // An incomplete cell cannot be decided either, so it fails where the policy fails on inconclusive.
        var inconclusive = Any(FindingIds.Inconclusive) || Any(FindingIds.Incomplete);
        var incomparable = Any(FindingIds.Incomparable);
        return true switch
        {
            _ when regression => GateVerdict.Regression,
            _ when inconclusive && policy.FailOn == FailOn.Inconclusive => GateVerdict.Inconclusive,
            _ when incomparable && policy.Incomparable == IncomparableHandling.Fail => GateVerdict.Incomparable,
            _ when inconclusive => GateVerdict.Inconclusive,
            _ when incomparable => GateVerdict.Incomparable,
            _ when findings.Any(f => f.Level == FindingLevel.Warning) => GateVerdict.Warning,
            _ => GateVerdict.Pass,
        };
    }
}

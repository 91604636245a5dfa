using System.Text;
using EnergyGate.Core.Baselines;
using EnergyGate.Core.Gating;
using EnergyGate.Core.Statistics;

namespace EnergyGate.Core.Reporting;

/// <summary>The collapsed per-cell sections and the environment block of the Markdown report.</summary>
internal static class CellDetails
{
    public static string Render(CellResult cell, GateResult result)
    {
        var text = new StringBuilder();
        text.Append(Format.Inv($"<details>\n<summary>{Html(cell.Cell.ToString())}: {Summary(cell, result)}</summary>\n\n"));
        var candidate = cell.Candidate.Measurements;
        var machine = result.Candidate.Fingerprint;
        if (cell.Status == CellStatus.Compared && cell.Baseline is { } b)
        {
            text.Append("| Metric | Baseline (median) | Current (median) | Change (95% CI) | n | Outcome |\n|---|---:|---:|---:|---:|---|\n");
            foreach (var m in cell.Metrics)
            {
                var def = MetricCatalog.Get(m.Metric);
                var gated = result.Policy.GatedMetrics.Contains(m.Metric) ? "" : " (not gated)";
                text.Append(Format.Inv($"| {Format.Cell(m.Metric)} | {Format.Value(m.BaselineMedian, def, Format.KindOf(m.Metric, b.Record.Measurements, b.Fingerprint))} | "))
                    .Append(Format.Inv($"{Format.Value(m.CandidateMedian, def, Format.KindOf(m.Metric, candidate, machine))} | {Format.Change(m.Ratio)} | "))
                    .Append(Format.Inv($"{m.BaselineCount} / {m.CandidateCount} | {Format.Outcome(m)}{gated} |\n"));
            }
            text.Append('\n');
            Split(text, "Baseline", b.Record.Measurements, b.Fingerprint);
            Split(text, "Current", candidate, machine);
        }
        else
        {
            Split(text, "Current", candidate, machine);
        }
        if (cell.Accuracy is { } a)
        {
            text.Append(Format.Inv($"- pass@1: {Format.Percent(a.BaselinePassAt1)} -> {Format.Percent(a.CandidatePassAt1)} over {a.Tasks} paired tasks (lost {a.Lost}, gained {a.Gained}; McNemar p = {a.PValue:0.####}): {a.Outcome}\n"));
        }
        else if (candidate.Outcomes.Count > 0)
        {
            var passAt1 = Scoring.PassAtK.Average([.. candidate.Outcomes.Values.Where(o => o.Count > 0).Select(o => (o.Count, o.Count(p => p)))], [1]);
            text.Append(Format.Inv($"- pass@1 (current): {Format.Percent(passAt1.GetValueOrDefault(1))} over {candidate.Outcomes.Count} tasks\n"));
        }
        AppendWaste(text, candidate);
        if (candidate.SampleScores.Count > 0)
        {
            // LongBench's task score: mean similarity x 100; reported, not gated yet.
            var current = candidate.SampleScores.Values.Average() * 100;
            var before = cell.Baseline?.Record.Measurements.SampleScores is { Count: > 0 } old ? Format.Number(old.Values.Average() * 100) + " -> " : "";
            text.Append(Format.Inv($"- code_sim (LongBench): {before}{Format.Number(current)} over {candidate.SampleScores.Count} tasks (not gated)\n"));
        }
        AppendChanges(text, "What changed", cell.Changes);
        AppendChanges(text, "Why not compared", cell.Mismatches);
        foreach (var f in result.Findings.Where(f => f.Cell == cell.Cell))
        {
            text.Append(Format.Inv($"- {f.Id}: {f.Message}\n"));
        }
        return text.Append("\n</details>\n\n").ToString();
    }

    public static string Environment(GateResult result)
    {
        var p = result.Policy;
        var current = result.Candidate.Fingerprint;
        var baselines = result.Cells.Select(c => c.Baseline).OfType<BaselineEntry>().ToList();
        var text = new StringBuilder("<details>\n<summary>Environment</summary>\n\n");
        text.Append(Format.Inv($"- Machine (current): {Machine(current)}\n"));
        // One line per machine: each baseline file holds its own fingerprint, so records are never reference-equal.
        foreach (var machine in baselines.Select(e => Machine(e.Fingerprint)).Distinct(StringComparer.Ordinal).Where(m => m != Machine(current)))
        {
            text.Append(Format.Inv($"- Machine (baseline): {machine}\n"));
        }
        EnvironmentDifferences.Append(text, baselines.Select(e => e.Fingerprint), current);
        var kinds = baselines.Select(e => e.Fingerprint.MeterKind.ToString()).Distinct().Order(StringComparer.Ordinal);
        text.Append(Format.Inv($"- Meters: current {current.MeterKind}; baseline {(baselines.Count == 0 ? "none" : string.Join(", ", kinds))}\n"));
        foreach (var (key, value) in current.Details.OrderBy(d => d.Key, StringComparer.Ordinal))
        {
            // As code, unencoded: settings are JSON, and Markdown shows an entity inside code literally (&quot;).
            text.Append(Format.Inv($"- {Html(key)}: {MarkdownCode.Inline(value)}\n"));
        }
        var n = result.Cells.SelectMany(c => c.Metrics).Select(m => $"{m.BaselineCount} / {m.CandidateCount}").Distinct().Order(StringComparer.Ordinal);
        text.Append(Format.Inv($"- Repetitions per side (baseline / current): {(n.Any() ? string.Join(", ", n) : "-")}\n"));
        text.Append(Format.Inv($"- Thresholds: warn +{p.Warn * 100:0.##}%, fail +{p.Fail * 100:0.##}%, floor {Format.Number(p.AbsoluteFloor)} (metric unit), alpha {p.Alpha}, "))
            .Append(Format.Inv($"accuracy tolerance {p.AccuracyTolerancePoints:0.##} pts (alpha {p.AccuracyAlpha}); fail on {p.FailOn.ToString().ToLowerInvariant()}; gated: {string.Join(", ", p.GatedMetrics)}\n"));
        var baseCommits = baselines.Select(e => e.Run.Commit).Distinct().Order(StringComparer.Ordinal);
        text.Append(Format.Inv($"- Commits: baseline {(baselines.Count == 0 ? "none" : string.Join(", ", baseCommits))} -> current {result.Candidate.Run.Commit}\n"));
        text.Append(Format.Inv($"- EnergyGate {result.Candidate.Run.ToolVersion}, evaluated for {result.Today:yyyy-MM-dd}\n"));
        return text.Append("\n</details>\n").ToString();
    }

    private static string Summary(CellResult cell, GateResult result)
    {
        var ids = result.Findings.Where(f => f.Cell == cell.Cell).Select(f => f.Id).ToHashSet();
        return cell.Status switch
        {
            CellStatus.NoBaseline => "no baseline",
            CellStatus.Incomparable => "incomparable",
            CellStatus.Incomplete => "incomplete, not compared",
            _ when ids.Contains(FindingIds.Regression) || ids.Contains(FindingIds.AccuracyDrop) => "regression",
            _ when ids.Contains(FindingIds.Inconclusive) => "inconclusive",
            _ when ids.Contains(FindingIds.Warning) => "warning",
            _ when ids.Contains(FindingIds.Improvement) => "improvement",
            _ => "no significant change",
        };
    }

    // Prefill/decode split of the medians, each with its energy kind, and decode J/token.
    private static void Split(StringBuilder text, string side, CellMeasurements m, EnvironmentFingerprint fp)
    {
        if (!m.Metrics.TryGetValue(MetricIds.PrefillJoules, out var prefill) || !m.Metrics.TryGetValue(MetricIds.DecodeJoules, out var decode))
        {
            return;
        }
        var (p, d) = (Median.Of(prefill), Median.Of(decode));
        var share = p + d > 0 ? p / (p + d) : double.NaN;
        text.Append(Format.Inv($"- {side}: prefill {Format.Number(p)} J ({Format.KindOf(MetricIds.PrefillJoules, m, fp)}) + decode {Format.Number(d)} J ({Format.KindOf(MetricIds.DecodeJoules, m, fp)}), prefill share {Format.Percent(share)}"));
        if (m.Metrics.TryGetValue(MetricIds.DecodeJoulesPerToken, out var perToken))
        {
            text.Append(Format.Inv($"; {Format.Number(Median.Of(perToken))} J/token"));
        }
        if (m.Metrics.TryGetValue(MetricIds.GeneratedTokens, out var tokens))
        {
            text.Append(Format.Inv($"; {Format.Number(Median.Of(tokens))} tokens"));
        }
        text.Append('\n');
    }

    private static void AppendChanges(StringBuilder text, string title, IReadOnlyList<SettingChange> changes)
    {
        if (changes.Count == 0)
        {
            return;
        }
        text.Append(Format.Inv($"- {title}:\n"));
        foreach (var c in changes)
        {
            // The weights are what a reviewer most needs to notice: say it in words, not only as a hash.
            var label = c.Key == UnderTest.ModelSha256 ? "model changed: " : "";
            text.Append(Format.Inv($"  - {label}`{c.Key}`: `{c.Old ?? "(none)"}` -> `{c.New ?? "(none)"}`\n"));
        }
    }

    /// <summary>Babbling and prefill amplification, from the per-repetition waste metrics.</summary>
    private static void AppendWaste(StringBuilder text, CellMeasurements candidate)
    {
        double? Median(string id) => candidate.Metrics.TryGetValue(id, out var v) && v.Count > 0 ? Statistics.Median.Of(v) : null;
        if (Median(MetricIds.BabbleShare) is { } share)
        {
            text.Append(Format.Inv($"- Babbling: {Format.Percent(share)} of generated tokens came after the answer was complete, {Format.Number(Median(MetricIds.BabbleJoules) ?? 0)} J per problem; {Format.Percent(Median(MetricIds.MaxTokensShare) ?? 0)} of samples ran into max_new_tokens\n"));
        }
        if (Median(MetricIds.PrefillAmplification) is { } ratio)
        {
            text.Append(Format.Inv($"- Prefill amplification: decode J/token of the longest prompts is {Format.Percent(ratio - 1)} above the shortest (median over repetitions)\n"));
        }
    }

    private static string Machine(EnvironmentFingerprint fp) => Html($"{fp.MachineClass} (CPU {fp.CpuModel}, GPU {fp.GpuModel ?? "none"})");

    private static string Html(string text) => System.Net.WebUtility.HtmlEncode(text);
}

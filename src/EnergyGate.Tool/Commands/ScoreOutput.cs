using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EnergyGate.Core.Scoring;

namespace EnergyGate.Tool.Commands;

/// <summary>How `score` prints its report, for people (text) and machines (json).</summary>
internal static class ScoreOutput
{
    private const int FailuresShown = 10;

    public static string Text(string suite, ScoreReport report, string? resultsPath, SandboxIsolation isolation, IReadOnlyList<int> ks)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(c, $"Scored {report.Samples.Count} samples on {report.Problems.Count} {suite} problems in {report.Elapsed.TotalSeconds:0.00} s ({report.SamplesPerSecond:0} samples/s, {isolation.Limits.Workers} workers)");
        text.AppendLine(c, $"  passed {report.Count(SampleOutcome.Passed)}, failed {report.Count(SampleOutcome.Failed)}, timed out {report.Count(SampleOutcome.TimedOut)}");
        foreach (var (k, value) in report.PassAtK)
        {
            text.AppendLine(c, $"  pass@{k} = {value:0.0000}");
        }
        if (report.SkippedK.Count > 0)
        {
            var fewest = report.Problems.Count > 0 ? report.Problems.Min(p => p.Samples) : 0;
            text.AppendLine(c, $"  not reported: {string.Join(", ", report.SkippedK.Select(k => $"pass@{k}"))} (k must not exceed the samples per problem; the fewest is {fewest})");
        }
        if (report.ProblemsWithoutSamples.Count > 0)
        {
            var first = string.Join(", ", report.ProblemsWithoutSamples.Take(5));
            var more = report.ProblemsWithoutSamples.Count > 5 ? ", ..." : "";
            text.AppendLine(c, $"  {report.ProblemsWithoutSamples.Count} problems had no samples and are left out of pass@k: {first}{more}");
        }
        var failures = report.Samples.Where(s => s.Result.Outcome != SampleOutcome.Passed).ToList();
        foreach (var failure in failures.Take(FailuresShown))
        {
            text.AppendLine(c, $"  {failure.Sample.TaskId} (line {failure.Sample.Line}): {failure.Result.HumanEvalResult}");
        }
        if (failures.Count > FailuresShown)
        {
            text.AppendLine(c, $"  ... and {failures.Count - FailuresShown} more not passed");
        }
        if (resultsPath is not null)
        {
            text.AppendLine(c, $"Results: {resultsPath}");
        }
        text.Append("Sandbox: ").Append(string.Join("; ", isolation.Describe()));
        return text.ToString();
    }

    public static string Json(string suite, ScoreReport report, string? resultsPath, SandboxIsolation isolation)
    {
        var passAtK = new JsonObject();
        foreach (var (k, value) in report.PassAtK)
        {
            passAtK[$"pass@{k.ToString(CultureInfo.InvariantCulture)}"] = value;
        }
        var json = new JsonObject
        {
            ["suite"] = suite,
            ["samples"] = report.Samples.Count,
            ["problems"] = report.Problems.Count,
            ["passed"] = report.Count(SampleOutcome.Passed),
            ["failed"] = report.Count(SampleOutcome.Failed),
            ["timed_out"] = report.Count(SampleOutcome.TimedOut),
            ["pass_at_k"] = passAtK,
            ["skipped_k"] = new JsonArray([.. report.SkippedK.Select(k => JsonValue.Create(k))]),
            ["problems_without_samples"] = new JsonArray([.. report.ProblemsWithoutSamples.Select(id => JsonValue.Create(id))]),
            ["results_file"] = resultsPath,
            ["elapsed_seconds"] = report.Elapsed.TotalSeconds,
            ["samples_per_second"] = report.SamplesPerSecond,
            ["sandbox"] = new JsonObject
            {
                ["python"] = isolation.PythonVersion,
                ["network_isolated"] = isolation.NetworkIsolated,
                ["network_isolation"] = isolation.NetworkIsolation,
                ["runs_as_root"] = isolation.RunsAsRoot,
                ["isolation"] = isolation.Mechanism.ToString().ToLowerInvariant(),
                ["isolation_detail"] = isolation.MechanismDescription,
                ["sample_uid"] = isolation.SampleUid,
                ["sample_capabilities"] = isolation.SampleCapabilities,
                ["other_processes_visible"] = isolation.OtherProcessesVisible,
                ["writable_paths"] = new JsonArray([.. isolation.WritablePaths.Select(p => JsonValue.Create(p))]),
                ["timeout_seconds"] = isolation.Limits.Timeout.TotalSeconds,
                ["memory_bytes"] = isolation.Limits.MemoryBytes,
                ["workers"] = isolation.Limits.Workers,
            },
        };
        return json.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }
}

using System.Diagnostics;
using EnergyGate.Core.Suites;

namespace EnergyGate.Core.Scoring;

/// <summary>Scores human-eval samples against a suite by executing them in the sandbox.</summary>
public sealed class HumanEvalScorer(SandboxExecutor executor)
{
    /// <summary>The format completions answer when their line does not say (<c>prompt_format</c>); raw by default.</summary>
    public PromptFormat PromptFormat { get; init; } = PromptFormat.Raw;

    /// <summary>
    /// Checks every sample names a problem of the suite, executes all of them in parallel, and
    /// computes pass@k. <paramref name="onScored"/> sees each verdict as soon as it exists (in
    /// completion order) so callers can persist it at once.
    /// </summary>
    public async Task<ScoreReport> ScoreAsync(
        string suiteName,
        IReadOnlyList<CodeProblem> problems,
        IReadOnlyList<HumanEvalSample> samples,
        IReadOnlyList<int> ks,
        Func<ScoredSample, CancellationToken, Task>? onScored = null,
        CancellationToken ct = default)
    {
        var byId = problems.ToDictionary(p => p.TaskId, StringComparer.Ordinal);
        var unknown = samples.Where(s => !byId.ContainsKey(s.TaskId)).Take(5).ToList();
        if (unknown.Count > 0)
        {
            var lines = string.Join("; ", unknown.Select(s => $"line {s.Line}: '{s.TaskId}'"));
            throw new EnergyGateException(
                $"samples name task ids that are not in the {suiteName} suite ({lines}). " +
                $"Check the suite (e.g. {(problems.Count > 0 ? problems[0].TaskId : "none loaded")}) and the samples file.");
        }

        var clock = Stopwatch.StartNew();
        var scored = await Task.WhenAll(samples.Select(async sample =>
        {
            var problem = byId[sample.TaskId];
            var program = CodeProgram.Build(problem, sample.Completion, sample.PromptFormat ?? PromptFormat);
            var item = new ScoredSample(sample, await executor.ExecuteAsync(program, problem.TimeLimit, ct));
            if (onScored is not null)
            {
                await onScored(item, ct);
            }
            return item;
        }));
        clock.Stop();

        var perProblem = scored
            .GroupBy(s => s.Sample.TaskId, StringComparer.Ordinal)
            .Select(g => new ProblemScore(g.Key, g.Count(), g.Count(s => s.Result.Outcome == SampleOutcome.Passed)))
            .OrderBy(p => p.TaskId, StringComparer.Ordinal)
            .ToList();
        var scoredIds = perProblem.Select(p => p.TaskId).ToHashSet(StringComparer.Ordinal);
        var passAtK = PassAtK.Average(perProblem.Select(p => (p.Samples, p.Passed)).ToList(), ks);
        return new ScoreReport(
            scored,
            perProblem,
            problems.Where(p => !scoredIds.Contains(p.TaskId)).Select(p => p.TaskId).ToList(),
            passAtK,
            ks.Where(k => !passAtK.ContainsKey(k)).Distinct().Order().ToList(),
            clock.Elapsed);
    }
}

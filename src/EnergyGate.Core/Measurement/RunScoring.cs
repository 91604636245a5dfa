using EnergyGate.Core.Scoring;
using EnergyGate.Core.Scoring.LongBench;
using EnergyGate.Core.Suites;
using EnergyGate.Core.Suites.LongBench;

namespace EnergyGate.Core.Measurement;

/// <summary>
/// Scores a run's completions after generation, so evaluation energy is never charged to
/// inference: code problems run in the sandbox (started only when there are any), understanding
/// problems are compared with their answers by LongBench's code similarity. Samples already scored
/// (a resumed run) are not scored again.
/// </summary>
public static class RunScoring
{
    /// <summary>Scores every sample record without a score record and appends the verdicts to the journal.</summary>
    public static async Task<IReadOnlyList<ScoreRecord>> ScoreAsync(
        IReadOnlyList<JournalRecord> records, IReadOnlyDictionary<string, IReadOnlyList<IBenchmarkTask>> problemsByCell,
        Func<Task<SandboxExecutor>> sandbox, ResultsJournal journal, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(problemsByCell);
        ArgumentNullException.ThrowIfNull(sandbox);
        ArgumentNullException.ThrowIfNull(journal);
        var scored = records.OfType<ScoreRecord>().Select(s => s.Key).ToHashSet();
        var pending = records.OfType<SampleRecord>().Where(s => !scored.Contains(s.Key))
            .Select(s => (Sample: s, Task: Find(problemsByCell, s, journal.Path))).ToList();
        var executor = pending.Any(p => p.Task is CodeProblem) ? await sandbox() : null;
        return await Task.WhenAll(pending.Select(async p =>
        {
            var record = p.Task switch
            {
                CodeProblem code => await RunCode(p.Sample, code, executor!, ct),
                UnderstandingProblem understanding => Similarity(p.Sample, understanding),
                _ => throw new EnergyGateException($"task `{p.Sample.TaskId}` of cell `{p.Sample.Cell}` has no scorer."),
            };
            await journal.AppendAsync(record, ct);
            return record;
        }));
    }

    private static IBenchmarkTask Find(IReadOnlyDictionary<string, IReadOnlyList<IBenchmarkTask>> problemsByCell, SampleRecord sample, string path) =>
        problemsByCell.TryGetValue(sample.Cell, out var tasks) && tasks.FirstOrDefault(t => t.TaskId == sample.TaskId) is { } task
            ? task
            : throw new EnergyGateException($"{path}: sample of `{sample.TaskId}` in cell `{sample.Cell}` is not in this run's suites; was the file recorded with another configuration?");

    private static async Task<ScoreRecord> RunCode(SampleRecord sample, CodeProblem problem, SandboxExecutor executor, CancellationToken ct)
    {
        var verdict = await executor.ExecuteAsync(HumanEvalProgram.Build(problem, sample.Completion), ct);
        return new ScoreRecord(sample.Cell, sample.Repetition, sample.TaskId, sample.SampleIndex,
            verdict.Outcome == SampleOutcome.Passed, verdict.HumanEvalResult);
    }

    private static ScoreRecord Similarity(SampleRecord sample, UnderstandingProblem problem)
    {
        var score = CodeSimilarity.Score(sample.Completion, problem.Answers);
        return new ScoreRecord(sample.Cell, sample.Repetition, sample.TaskId, sample.SampleIndex, score >= 1.0,
            FormattableString.Invariant($"code_sim {score:0.00}"))
        {
            Score = score,
        };
    }
}

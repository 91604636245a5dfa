using EnergyGate.Core.Scoring;
using EnergyGate.Core.Scoring.LongBench;
using EnergyGate.Core.Suites;
using EnergyGate.Core.Suites.LongBench;
using EnergyGate.Core.Waste.Babbling;

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
        Func<Task<SandboxExecutor>> sandbox, SyntaxChecker? checker, ResultsJournal journal, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(problemsByCell);
        ArgumentNullException.ThrowIfNull(sandbox);
        ArgumentNullException.ThrowIfNull(journal);
        var scored = records.OfType<ScoreRecord>().Select(s => s.Key).ToHashSet();
        // Indexed once: a sweep or a study scores thousands of samples against hundreds of tasks.
        var byCell = problemsByCell.ToDictionary(
            kv => kv.Key, kv => kv.Value.ToDictionary(t => t.TaskId, StringComparer.Ordinal), StringComparer.Ordinal);
        var pending = records.OfType<SampleRecord>().Where(s => !scored.Contains(s.Key))
            .Select(s => (Sample: s, Task: Find(byCell, s, journal.Path))).ToList();
        var executor = pending.Any(p => p.Task is CodeProblem) ? await sandbox() : null;
        return await Task.WhenAll(pending.Select(async p =>
        {
            var record = p.Task switch
            {
                CodeProblem code => await RunCode(p.Sample, code, executor!, ct) with { UsefulEnd = CodeUsefulEnd(p.Sample, code, checker) },
                UnderstandingProblem understanding => Similarity(p.Sample, understanding) with { UsefulEnd = BabbleDetector.LongBenchFirstLine(TokenTexts(p.Sample)) },
                _ => throw new EnergyGateException($"task `{p.Sample.TaskId}` of cell `{p.Sample.Cell}` has no scorer."),
            };
            await journal.AppendAsync(record, ct);
            return record;
        }));
    }

    /// <summary>Where the answer was complete: the first newline after which the function parses and is finished (no oracle: that would rerun the tests per line).</summary>
    private static int? CodeUsefulEnd(SampleRecord sample, CodeProblem problem, SyntaxChecker? checker)
    {
        if (checker is null || sample.TokenTextEnds.Count == 0)
        {
            return null;
        }
        lock (checker)   // one checker process answers one request at a time
        {
            return BabbleDetector.HumanEval(TokenTexts(sample), new SyntaxCriterion(problem, checker));
        }
    }

    /// <summary>Each generated token's text, rebuilt from the raw text and the recorded token ends.</summary>
    internal static List<string> TokenTexts(SampleRecord sample)
    {
        var text = sample.RawText ?? sample.Completion;
        var texts = new List<string>(sample.TokenTextEnds.Count);
        var start = 0;
        foreach (var end in sample.TokenTextEnds)
        {
            var clamped = Math.Min(end, text.Length);
            texts.Add(text[Math.Min(start, clamped)..clamped]);
            start = clamped;
        }
        return texts;
    }

    private static IBenchmarkTask Find(Dictionary<string, Dictionary<string, IBenchmarkTask>> byCell, SampleRecord sample, string path) =>
        byCell.TryGetValue(sample.Cell, out var tasks) && tasks.TryGetValue(sample.TaskId, out var task)
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

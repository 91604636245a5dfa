using EnergyGate.Core.Scoring;
using EnergyGate.Core.Suites;
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
    /// <param name="records">The journal's records so far.</param>
    /// <param name="problemsByCell">Each cell's tasks.</param>
    /// <param name="scorersByCell">Each cell's scorer: its suite's (<see cref="ISuiteDefinition.Scorer"/>).</param>
    /// <param name="sandbox">Starts the sandbox; called only when a pending sample's scorer runs code.</param>
    /// <param name="checker">The syntax checker for where code answers were complete, or null.</param>
    /// <param name="journal">Receives the score records.</param>
    /// <param name="ct">Cancels scoring.</param>
    public static async Task<IReadOnlyList<ScoreRecord>> ScoreAsync(
        IReadOnlyList<JournalRecord> records, IReadOnlyDictionary<string, IReadOnlyList<IBenchmarkTask>> problemsByCell,
        IReadOnlyDictionary<string, ISuiteScorer> scorersByCell,
        Func<Task<SandboxExecutor>> sandbox, SyntaxChecker? checker, ResultsJournal journal, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(problemsByCell);
        ArgumentNullException.ThrowIfNull(scorersByCell);
        ArgumentNullException.ThrowIfNull(sandbox);
        ArgumentNullException.ThrowIfNull(journal);
        var scored = records.OfType<ScoreRecord>().Select(s => s.Key).ToHashSet();
        // Indexed once: a sweep or a study scores thousands of samples against hundreds of tasks.
        var byCell = problemsByCell.ToDictionary(
            kv => kv.Key, kv => kv.Value.ToDictionary(t => t.TaskId, StringComparer.Ordinal), StringComparer.Ordinal);
        var pending = records.OfType<SampleRecord>().Where(s => !scored.Contains(s.Key))
            .Select(s => (Sample: s, Task: Find(byCell, s, journal.Path), Scorer: Scorer(scorersByCell, s))).ToList();
        var executor = pending.Any(p => p.Scorer.RunsCode) ? await StartSandboxAsync(sandbox) : null;
        // Greedy decoding gives every repetition of a cell the same completion, and runtimes running the
        // same weights mostly agree: each distinct (scorer, task, completion) runs once and its verdict
        // goes to every sample that produced it. The program, its tests and its limits are the same, so
        // running it again would only repeat the work (8 repetitions: 8 sandbox runs per task before).
        var scores = new Dictionary<(ISuiteScorer, IBenchmarkTask, string), Task<TaskScore>>();
        var ends = new Dictionary<(ISuiteScorer, IBenchmarkTask, string, string), Task<int?>>();
        var verdicts = pending.Select(async p =>
        {
            var score = await Once(scores, (p.Scorer, p.Task, p.Sample.Completion), () => p.Scorer.ScoreAsync(p.Task, p.Sample.Completion, executor, ct));
            var usefulEnd = await Once(ends, (p.Scorer, p.Task, p.Sample.RawText ?? p.Sample.Completion, string.Join(',', p.Sample.TokenTextEnds)),
                () => Task.Run(() => p.Scorer.UsefulEnd(p.Task, TokenTexts(p.Sample), checker), ct));
            var record = new ScoreRecord(p.Sample.Cell, p.Sample.Repetition, p.Sample.TaskId, p.Sample.SampleIndex, score.Passed, score.Result)
            {
                Score = score.Similarity,
                UsefulEnd = usefulEnd,
            };
            await journal.AppendAsync(record, ct);
            return record;
        }).ToList();
        return await Task.WhenAll(verdicts);
    }

    /// <summary>The task already started for <paramref name="key"/>, else a new one; locked, since samples resume on pool threads.</summary>
    private static Task<T> Once<TKey, T>(Dictionary<TKey, Task<T>> started, TKey key, Func<Task<T>> start)
        where TKey : notnull
    {
        lock (started)
        {
            if (!started.TryGetValue(key, out var task))
            {
                task = start();
                started[key] = task;
            }
            return task;
        }
    }

    private static async Task<SandboxExecutor> StartSandboxAsync(Func<Task<SandboxExecutor>> sandbox)
    {
        using var phase = Diagnostics.RunPhases.Start(Diagnostics.RunPhases.SandboxStart);
        return await sandbox();
    }

    /// <summary>
    /// The cell's scorer; a code sample the record marks as an answer to a chat prompt is scored as one
    /// (sanitized, prompt not prepended), so a resumed or re-scored file needs no configuration to tell.
    /// </summary>
    private static ISuiteScorer Scorer(IReadOnlyDictionary<string, ISuiteScorer> scorers, SampleRecord sample)
    {
        if (!scorers.TryGetValue(sample.Cell, out var scorer))
        {
            throw new EnergyGateException($"task `{sample.TaskId}` of cell `{sample.Cell}` has no scorer.");
        }
        return scorer is SandboxScorer ? SandboxScorer.For(PromptFormats.Parse(sample.PromptFormat)) : scorer;
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
}

using EnergyGate.Core.Scoring;
using EnergyGate.Core.Suites;

namespace EnergyGate.Core.Measurement;

/// <summary>
/// Scores a run's completions after generation, in the sandbox, so evaluation energy is never
/// charged to inference. Samples already scored (a resumed run) are not scored again.
/// </summary>
public static class RunScoring
{
    /// <summary>Scores every sample record without a score record and appends the verdicts to the journal.</summary>
    public static async Task<IReadOnlyList<ScoreRecord>> ScoreAsync(
        IReadOnlyList<JournalRecord> records, IReadOnlyDictionary<string, IReadOnlyList<IBenchmarkTask>> problemsByCell,
        SandboxExecutor executor, ResultsJournal journal, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(problemsByCell);
        var scored = records.OfType<ScoreRecord>().Select(s => s.Key).ToHashSet();
        var pending = records.OfType<SampleRecord>().Where(s => !scored.Contains(s.Key)).ToList();
        var byCell = problemsByCell.ToDictionary(
            kv => kv.Key, kv => kv.Value.ToDictionary(p => p.TaskId, StringComparer.Ordinal), StringComparer.Ordinal);
        var results = await Task.WhenAll(pending.Select(async sample =>
        {
            if (!byCell.TryGetValue(sample.Cell, out var problems) || !problems.TryGetValue(sample.TaskId, out var problem))
            {
                throw new EnergyGateException($"{journal.Path}: sample of `{sample.TaskId}` in cell `{sample.Cell}` is not in this run's suites; was the file recorded with another configuration?");
            }
            if (problem is not CodeProblem code)
            {
                throw new EnergyGateException($"task `{sample.TaskId}` of cell `{sample.Cell}` is not a code-generation problem; it cannot be scored in the sandbox.");
            }
            var verdict = await executor.ExecuteAsync(HumanEvalProgram.Build(code, sample.Completion), ct);
            var record = new ScoreRecord(sample.Cell, sample.Repetition, sample.TaskId, sample.SampleIndex,
                verdict.Outcome == SampleOutcome.Passed, verdict.HumanEvalResult);
            await journal.AppendAsync(record, ct);
            return record;
        }));
        return results;
    }
}

using EnergyGate.Core.Baselines;
using EnergyGate.Core.Energy;
using EnergyGate.Core.Scoring;

namespace EnergyGate.Core.Measurement;

/// <summary>One cell's figures: the raw value of each metric per repetition, and per-problem outcomes.</summary>
/// <param name="Cell">Cell id.</param>
/// <param name="EnergyKind">Weakest kind among the cell's samples.</param>
/// <param name="Problems">Problems per repetition.</param>
/// <param name="Metrics">Metric id to one value per repetition (repetition order); a repetition where a metric is undefined is left out.</param>
/// <param name="Accuracy">"pass@k" (code cells) or "code_sim" (understanding cells, LongBench's task score 0..100) to one value per repetition.</param>
/// <param name="Outcomes">Task id to pass/fail of every sample over all repetitions (code cells; for the paired accuracy test).</param>
public sealed record CellSummary(
    string Cell, string EnergyKind, int Problems,
    IReadOnlyDictionary<string, double[]> Metrics,
    IReadOnlyDictionary<string, double[]> Accuracy,
    IReadOnlyDictionary<string, bool[]> Outcomes)
{
    /// <summary>Understanding cells: task id to its mean similarity over samples and repetitions.</summary>
    public IReadOnlyDictionary<string, double> SampleScores { get; init; } = new Dictionary<string, double>();

    /// <summary>Median of a metric over repetitions, or null when it has no values.</summary>
    public double? Median(string metric) =>
        (Metrics.TryGetValue(metric, out var v) ? v : Accuracy.GetValueOrDefault(metric)) is { Length: > 0 } values
            ? Statistics.Median.Of(values) : null;
}

/// <summary>Aggregates the records of a run into per-cell, per-repetition metrics.</summary>
public static class RunSummarizer
{
    /// <summary>Summarises every cell that has samples; k values come from each cell's suite settings.</summary>
    public static IReadOnlyList<CellSummary> Summarize(IReadOnlyList<JournalRecord> records, IReadOnlyDictionary<string, IReadOnlyList<int>> ksByCell)
    {
        ArgumentNullException.ThrowIfNull(records);
        var verdicts = records.OfType<ScoreRecord>().GroupBy(s => s.Key).ToDictionary(g => g.Key, g => g.Last());
        var scores = verdicts.ToDictionary(v => v.Key, v => v.Value.Passed);
        return [.. records.OfType<SampleRecord>()
            .GroupBy(s => s.Cell, StringComparer.Ordinal)
            .Select(cell => verdicts.Values.Any(v => v.Cell == cell.Key && v.Score is not null)
                ? Understanding(Cell(cell.Key, [.. cell], scores, verdicts, []), [.. cell], verdicts)
                : Cell(cell.Key, [.. cell], scores, verdicts, ksByCell.GetValueOrDefault(cell.Key) ?? [1]))];
    }

    /// <summary>LongBench's task score per repetition (mean similarity x 100) and per-task similarity, in place of pass@k.</summary>
    private static CellSummary Understanding(CellSummary energy, List<SampleRecord> samples, Dictionary<SampleKey, ScoreRecord> verdicts)
    {
        double ScoreOf(SampleRecord s) => verdicts.TryGetValue(s.Key, out var v) ? v.Score ?? 0 : 0;
        var perRepetition = samples.GroupBy(s => s.Repetition).OrderBy(g => g.Key).Select(g => 100 * g.Average(ScoreOf)).ToArray();
        return energy with
        {
            Accuracy = new Dictionary<string, double[]> { ["code_sim"] = perRepetition },
            Outcomes = new Dictionary<string, bool[]>(),
            SampleScores = samples.GroupBy(s => s.TaskId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Average(ScoreOf), StringComparer.Ordinal),
        };
    }

    private static CellSummary Cell(string id, List<SampleRecord> samples, Dictionary<SampleKey, bool> scores, Dictionary<SampleKey, ScoreRecord> verdicts, IReadOnlyList<int> ks)
    {
        var repetitions = samples.GroupBy(s => s.Repetition).OrderBy(g => g.Key).ToList();
        var metrics = MetricCatalog.All.Select(m => m.Id).ToDictionary(m => m, _ => new List<double>());
        var passAtK = ks.ToDictionary(k => $"pass@{k}", _ => new List<double>());
        foreach (var repetition in repetitions)
        {
            foreach (var (name, value) in RepetitionMetrics([.. repetition], scores).Concat(WasteMetrics([.. repetition], verdicts)).Concat(WorkMetrics([.. repetition])))
            {
                metrics[name].Add(value);
            }
            var perProblem = repetition.GroupBy(s => s.TaskId)
                .Select(g => (Samples: g.Count(), Passed: g.Count(s => scores.GetValueOrDefault(s.Key))))
                .ToList();
            foreach (var (k, value) in PassAtK.Average(perProblem, ks))
            {
                passAtK[$"pass@{k}"].Add(value);
            }
        }
        var outcomes = samples.Where(s => scores.ContainsKey(s.Key))
            .GroupBy(s => s.TaskId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(s => s.Repetition).ThenBy(s => s.SampleIndex).Select(s => scores[s.Key]).ToArray(), StringComparer.Ordinal);
        var kind = EnergyKinds.Weakest(samples.Select(s => Enum.Parse<EnergyKind>(s.EnergyKind)));
        // A server no meter could see has no energy figures at all: zeros would read as free inference.
        var measured = kind != EnergyKind.NotMeasured;
        return new CellSummary(id, kind.ToString(), repetitions.Count == 0 ? 0 : repetitions.Max(r => r.Select(s => s.TaskId).Distinct().Count()),
            metrics.Where(kv => kv.Value.Count > 0 && (measured || !MetricCatalog.Get(kv.Key).IsEnergy && kv.Key != MetricIds.PrefillShare)).ToDictionary(kv => kv.Key, kv => kv.Value.ToArray()),
            passAtK.Where(kv => kv.Value.Count > 0).ToDictionary(kv => kv.Key, kv => kv.Value.ToArray()),
            outcomes);
    }

    /// <summary>Babbling per repetition (where scoring found the answer complete) and prefill amplification over the repetition's samples.</summary>
    private static IEnumerable<(string, double)> WasteMetrics(List<SampleRecord> samples, Dictionary<SampleKey, ScoreRecord> verdicts)
    {
        var babble = samples.Where(s => verdicts.ContainsKey(s.Key)).Select(s => Waste.Babbling.SampleBabble.Measure(
            s.GeneratedTokens, verdicts[s.Key].UsefulEnd is { } end && end < s.GeneratedTokens ? end : null, s.TokenJoules,
            s.StopReason == nameof(Generation.StopReason.MaxNewTokens))).ToList();
        if (babble.Count > 0)
        {
            var cell = Waste.Babbling.CellBabble.Aggregate(babble);
            yield return (MetricIds.BabbleShare, cell.BabbleShare);
            yield return (MetricIds.BabbleJoules, cell.BabbleJoules / samples.Select(s => s.TaskId).Distinct().Count());
            yield return (MetricIds.MaxTokensShare, cell.MaxNewTokensShare);
        }
        var amplification = Waste.Amplification.PrefillAmplification.FromJournal(samples);
        if (amplification.Amplification is { } ratio)
        {
            yield return (MetricIds.PrefillAmplification, ratio.Estimate);
        }
    }

    /// <summary>Exact work per problem and per decode step; only when every sample of the repetition carries it (a partial sum would look like less work).</summary>
    private static IEnumerable<(string, double)> WorkMetrics(List<SampleRecord> samples)
    {
        if (samples.Count == 0 || samples.Any(s => s.PrefillFlops is null || s.DecodeFlops is null || s.DecodeBytes is null))
        {
            yield break;
        }
        double problems = samples.Select(s => s.TaskId).Distinct().Count();
        double prefill = samples.Sum(s => s.PrefillFlops!.Value), decode = samples.Sum(s => s.DecodeFlops!.Value);
        yield return (MetricIds.PrefillFlops, prefill / problems);
        yield return (MetricIds.DecodeFlops, decode / problems);
        yield return (MetricIds.FlopsPerProblem, (prefill + decode) / problems);
        var steps = samples.Sum(s => Math.Max(0, s.GeneratedTokens - 1));
        if (steps > 0)
        {
            yield return (MetricIds.DecodeBytesPerToken, samples.Sum(s => (double)s.DecodeBytes!.Value) / steps);
        }
    }

    private static IEnumerable<(string, double)> RepetitionMetrics(List<SampleRecord> samples, Dictionary<SampleKey, bool> scores)
    {
        var problems = samples.Select(s => s.TaskId).Distinct().Count();
        var prefill = samples.Sum(s => s.PrefillJoules);
        var decode = samples.Sum(s => s.DecodeJoules);
        var tokens = samples.Sum(s => s.GeneratedTokens);
        var decodeSteps = samples.Sum(s => Math.Max(0, s.GeneratedTokens - 1));
        var decodeSeconds = samples.Sum(s => s.DecodeSeconds);
        yield return (MetricIds.JoulesPerProblem, (prefill + decode) / problems);
        yield return (MetricIds.PrefillJoules, prefill / problems);
        yield return (MetricIds.DecodeJoules, decode / problems);
        if (tokens > 0)
        {
            yield return (MetricIds.DecodeJoulesPerToken, decode / tokens);
        }
        var correct = samples.Count(s => scores.GetValueOrDefault(s.Key));
        if (correct > 0)
        {
            yield return (MetricIds.JoulesPerCorrectTask, (prefill + decode) / correct);
        }
        yield return (MetricIds.GeneratedTokens, (double)tokens / samples.Count);
        if (decodeSeconds > 0)
        {
            yield return (MetricIds.TokensPerSecond, decodeSteps / decodeSeconds);
            // Sequences overlap in a batch: the batch's rate is one sequence's rate times how many
            // shared each moment, the occupancy weighted by the time each sample spent decoding.
            if (samples.All(s => s.BatchOccupancy is not null))
            {
                var occupancy = samples.Sum(s => s.DecodeSeconds * s.BatchOccupancy!.Value) / decodeSeconds;
                yield return (MetricIds.BatchTokensPerSecond, decodeSteps / decodeSeconds * occupancy);
            }
        }
        yield return (MetricIds.TtftSeconds, Statistics.Median.Of([.. samples.Select(s => s.TtftSeconds)]));
        if (prefill + decode > 0)
        {
            yield return (MetricIds.PrefillShare, prefill / (prefill + decode));
        }
    }
}

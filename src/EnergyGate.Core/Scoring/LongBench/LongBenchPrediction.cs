namespace EnergyGate.Core.Scoring.LongBench;

/// <summary>One line of a LongBench predictions file (pred.py's output): <c>{pred, answers, all_classes, length}</c>.</summary>
/// <param name="Line">1-based line number in the file, for messages.</param>
/// <param name="Prediction">The model's output (<c>pred</c>).</param>
/// <param name="Answers">The reference answers (<c>answers</c>); the sample scores its best match.</param>
/// <param name="Length">The context length in words (<c>length</c>), which LongBench-E buckets by; null when absent.</param>
public sealed record LongBenchPrediction(int Line, string Prediction, IReadOnlyList<string> Answers, double? Length)
{
    /// <summary>This sample's <c>code_sim_score</c>: the best over its answers.</summary>
    public double CodeSimScore() => CodeSimilarity.Score(Prediction, Answers);
}

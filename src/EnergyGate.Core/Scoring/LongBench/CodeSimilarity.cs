namespace EnergyGate.Core.Scoring.LongBench;

/// <summary>
/// LongBench v1's <c>code_sim_score</c> (metrics.py), the metric of its lcc and repobench-p tasks: the
/// first line of the prediction that is code, compared with the reference line by fuzz.ratio.
/// </summary>
public static class CodeSimilarity
{
    /// <summary>
    /// The line LongBench compares: after leading '\n' are removed (only '\n', not '\r' or spaces),
    /// the first '\n'-separated line containing none of <c>`</c>, <c>#</c>, <c>//</c>, or the empty
    /// string when every line has one (models often open with a fence or a comment).
    /// </summary>
    public static string FirstCodeLine(string prediction)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        // Line by line rather than Split: a multi-megabyte prediction is usually decided by its first lines.
        var rest = prediction.AsSpan().TrimStart('\n');
        while (true)
        {
            var end = rest.IndexOf('\n');
            var line = end < 0 ? rest : rest[..end];
            if (!line.Contains('`') && !line.Contains('#') && !line.Contains("//", StringComparison.Ordinal))
            {
                return line.ToString();
            }
            if (end < 0)
            {
                return "";
            }
            rest = rest[(end + 1)..];
        }
    }

    /// <summary><c>code_sim_score(prediction, ground_truth)</c>: fuzz.ratio / 100, in 0..1.</summary>
    public static double Score(string prediction, string groundTruth) =>
        FuzzRatio.Ratio(FirstCodeLine(prediction), groundTruth) / 100.0;

    /// <summary>
    /// One sample's score as eval.py takes it: the best over the reference answers, 0 when there are none.
    /// </summary>
    public static double Score(string prediction, IEnumerable<string> answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var line = FirstCodeLine(prediction);
        var best = 0.0;
        foreach (var answer in answers)
        {
            best = Math.Max(best, FuzzRatio.Ratio(line, answer) / 100.0);
        }
        return best;
    }
}

namespace EnergyGate.Core.Scoring.LongBench;

/// <summary>
/// LongBench v1 eval.py's aggregation for the code tasks: <c>scorer</c> (one score per task) and
/// <c>scorer_e</c> (LongBench-E, one per context-length bucket), with their exact float arithmetic.
/// </summary>
public static class LongBenchScorer
{
    /// <summary>The LongBench tasks scored by <c>code_sim_score</c>.</summary>
    public static IReadOnlyList<string> CodeDatasets { get; } = ["lcc", "repobench-p"];

    /// <summary>
    /// <c>round(100 * total / len, 2)</c> with <c>total</c> summed left to right from 0.0, as eval.py's
    /// loop does (not pairwise: the order changes the last bits, and so sometimes the rounding).
    /// </summary>
    public static double TaskScore(IReadOnlyList<double> sampleScores)
    {
        ArgumentNullException.ThrowIfNull(sampleScores);
        if (sampleScores.Count == 0)
        {
            throw new ArgumentException("LongBench's score is undefined for no samples (eval.py divides by zero).", nameof(sampleScores));
        }
        var total = 0.0;
        foreach (var score in sampleScores)
        {
            total += score;
        }
        return PythonFloats.Round(100 * total / sampleScores.Count, 2);
    }

    /// <summary>
    /// LongBench-E: <c>round(100 * np.mean(bucket), 2)</c> per length bucket, NaN for an empty bucket
    /// (numpy's mean of nothing, which eval.py writes as NaN).
    /// </summary>
    public static LengthBucketScores BucketScores(IReadOnlyList<double> sampleScores, IReadOnlyList<double> lengths)
    {
        ArgumentNullException.ThrowIfNull(sampleScores);
        ArgumentNullException.ThrowIfNull(lengths);
        if (sampleScores.Count != lengths.Count)
        {
            throw new ArgumentException("one length per sample score is needed.", nameof(lengths));
        }
        var buckets = new[] { new List<double>(), new List<double>(), new List<double>() };
        for (var i = 0; i < sampleScores.Count; i++)
        {
            buckets[(int)BucketOf(lengths[i])].Add(sampleScores[i]);
        }
        double Score(List<double> bucket) => PythonFloats.NumpyRound(100 * PythonFloats.NumpyMean(bucket.ToArray()), 2);
        return new LengthBucketScores(Score(buckets[0]), Score(buckets[1]), Score(buckets[2]));
    }

    /// <summary>scorer_e's buckets: under 4000, under 8000, the rest (the record's <c>length</c> field, in words).</summary>
    public static LengthBucket BucketOf(double length) => length switch
    {
        < 4000 => LengthBucket.Upto4k,
        < 8000 => LengthBucket.From4kTo8k,
        _ => LengthBucket.Over8k,
    };
}

/// <summary>LongBench-E's context-length buckets.</summary>
public enum LengthBucket
{
    /// <summary>"0-4k": length below 4000.</summary>
    Upto4k,

    /// <summary>"4-8k": 4000 up to below 8000.</summary>
    From4kTo8k,

    /// <summary>"8k+": 8000 and more.</summary>
    Over8k,
}

/// <summary>LongBench-E scores (0..100, two decimals) per bucket; NaN where a bucket had no samples.</summary>
/// <param name="Upto4k">"0-4k".</param>
/// <param name="From4kTo8k">"4-8k".</param>
/// <param name="Over8k">"8k+".</param>
public sealed record LengthBucketScores(double Upto4k, double From4kTo8k, double Over8k)
{
    /// <summary>The buckets under LongBench's names, in its order.</summary>
    public IReadOnlyList<(string Name, double Score)> Named =>
        [("0-4k", Upto4k), ("4-8k", From4kTo8k), ("8k+", Over8k)];
}

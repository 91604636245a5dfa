using EnergyGate.Core.Scoring.LongBench;

namespace EnergyGate.Core.Tests.Scoring.LongBench;

/// <summary>Exact (bitwise double) agreement with every row LongBench's Python code produced.</summary>
public sealed class CodeSimParityTests
{
    private static FixtureDocument Fixtures => CodeSimFixtures.Document;

    [Fact]
    public void Every_sample_scores_exactly_as_LongBench_code_sim_score()
    {
        Assert.True(Fixtures.Samples.Count >= 600, $"only {Fixtures.Samples.Count} sample rows");
        var wrong = Fixtures.Samples
            .Select((row, i) => (row, i, actual: CodeSimilarity.Score(row.Pred, row.Answers)))
            .Where(x => BitConverter.DoubleToInt64Bits(x.actual) != BitConverter.DoubleToInt64Bits(x.row.Score))
            .Select(x => $"#{x.i} pred={Show(x.row.Pred)} answers=[{string.Join(", ", x.row.Answers.Select(Show))}]: expected {x.row.Score}, got {x.actual}")
            .ToList();
        Assert.True(wrong.Count == 0, $"{wrong.Count} of {Fixtures.Samples.Count} differ:\n{string.Join("\n", wrong.Take(20))}");
    }

    [Fact]
    public void Every_ratio_matches_fuzz_ratio()
    {
        var wrong = Fixtures.Ratios
            .Where(r => FuzzRatio.Ratio(r.A, r.B) != r.Ratio)
            .Select(r => $"{Show(r.A)} vs {Show(r.B)}: expected {r.Ratio}, got {FuzzRatio.Ratio(r.A, r.B)}")
            .ToList();
        Assert.True(wrong.Count == 0, string.Join("\n", wrong.Take(20)));
    }

    [Fact]
    public void Task_and_LongBench_E_scores_match_eval_py_on_every_prefix()
    {
        Assert.NotEmpty(Fixtures.Tasks);
        foreach (var task in Fixtures.Tasks)
        {
            var rows = Fixtures.Samples.Take(task.Count).ToList();
            var scores = rows.Select(r => CodeSimilarity.Score(r.Pred, r.Answers)).ToList();
            Assert.Equal(task.TaskScore, LongBenchScorer.TaskScore(scores));
            AssertBuckets(task.EScores, LongBenchScorer.BucketScores(scores, [.. rows.Select(r => r.Length)]), $"first {task.Count}");
        }
    }

    [Fact]
    public void Aggregation_reproduces_python_and_numpy_float_sums_bit_for_bit()
    {
        foreach (var row in Fixtures.Aggregates)
        {
            var scores = row.Scores.ToArray();
            var sequential = 0.0;
            foreach (var s in scores)
            {
                sequential += s;
            }
            Assert.Equal(row.PythonSum, sequential);
            Assert.Equal(row.NumpySum, PythonFloats.NumpySum(scores));
            Assert.Equal(row.NumpyMean, PythonFloats.NumpyMean(scores));
            Assert.Equal(row.TaskScore, LongBenchScorer.TaskScore(scores));
            AssertBuckets(row.EScores, LongBenchScorer.BucketScores(scores, row.Lengths), $"{scores.Length} scores");
        }
        // The fixture must actually tell pairwise from sequential summation apart.
        Assert.Contains(Fixtures.Aggregates, a => a.PythonSum != a.NumpySum);
    }

    [Fact]
    public void Python_and_numpy_rounding_match_on_every_row()
    {
        foreach (var row in Fixtures.Roundings)
        {
            Assert.True(row.Python == PythonFloats.Round(row.X, 2), $"round({row.X:R}, 2): expected {row.Python:R}, got {PythonFloats.Round(row.X, 2):R}");
            Assert.True(row.Numpy == PythonFloats.NumpyRound(row.X, 2), $"np round({row.X:R}, 2): expected {row.Numpy:R}, got {PythonFloats.NumpyRound(row.X, 2):R}");
        }
        Assert.Contains(Fixtures.Roundings, r => r.Python != r.Numpy);
    }

    private static void AssertBuckets(Dictionary<string, double?> expected, LengthBucketScores actual, string what)
    {
        foreach (var (name, score) in actual.Named)
        {
            var want = expected[name] ?? double.NaN;
            Assert.True(want.Equals(score), $"{what}, bucket {name}: expected {want:R}, got {score:R}");
        }
    }

    private static string Show(string text) => System.Text.Json.JsonSerializer.Serialize(text);
}

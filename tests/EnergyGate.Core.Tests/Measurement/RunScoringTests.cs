using EnergyGate.Core.Measurement;
using EnergyGate.Core.Scoring;
using EnergyGate.Core.Suites;
using EnergyGate.Core.Waste.Babbling;

namespace EnergyGate.Core.Tests.Measurement;

/// <summary>
/// Scoring after a run executes each distinct completion of a task once and gives its verdict to
/// every sample that produced it (greedy repetitions repeat their completions). A counting scorer
/// stands in for the sandbox, so the counts are exact.
/// </summary>
public sealed class RunScoringTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("energygate-scoring-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Identical_completions_of_a_task_are_scored_once_and_every_sample_gets_the_verdict()
    {
        var task = new CodeProblem("t0", "def f():\n", "f", "    return 1\n", "def check(f): assert f() == 1\n");
        var other = task with { TaskId = "t1" };
        // Two cells (same suite, two runtimes) x 4 repetitions of t0, all "return 1", one of them "return 2";
        // t1 has the same text as t0 but is another task, so it is scored on its own.
        var samples = new List<SampleRecord>();
        foreach (var cell in new[] { "smoke/m/onnx/cpu", "smoke/m/torch/cpu" })
        {
            samples.AddRange(Enumerable.Range(0, 4).Select(r => Sample(cell, r, "t0", cell.Contains("torch", StringComparison.Ordinal) && r == 3 ? "return 2" : "return 1")));
            samples.Add(Sample(cell, 0, "t1", "return 1"));
        }
        var scorer = new CountingScorer();
        var path = Path.Combine(_dir, "run.jsonl");
        await using var journal = await ResultsJournal.OpenAsync(path, new RunHeader("h", "test", DateTimeOffset.UnixEpoch, ["a", "b"], new Dictionary<string, string>()), resume: false);
        foreach (var sample in samples)
        {
            await journal.AppendAsync(sample);
        }
        var problems = new Dictionary<string, IReadOnlyList<IBenchmarkTask>> { ["smoke/m/onnx/cpu"] = [task, other], ["smoke/m/torch/cpu"] = [task, other] };
        var scorers = new Dictionary<string, ISuiteScorer> { ["smoke/m/onnx/cpu"] = scorer, ["smoke/m/torch/cpu"] = scorer };

        var scores = await RunScoring.ScoreAsync(await journal.RecordsAsync(), problems, scorers, () => throw new InvalidOperationException("no sandbox"), null, journal);

        Assert.Equal(10, scores.Count);
        Assert.Equal(["t0:return 1", "t0:return 2", "t1:return 1"], scorer.Scored.Order(StringComparer.Ordinal));
        Assert.Equal(3, scorer.UsefulEnds);
        Assert.All(scores, s => Assert.Equal(s.TaskId == "t0" && s.Cell.Contains("torch", StringComparison.Ordinal) && s.Repetition == 3, !s.Passed));
        Assert.All(scores, s => Assert.Equal(s.Passed ? 2 : 1, s.UsefulEnd));
    }

    private static SampleRecord Sample(string cell, int repetition, string taskId, string completion) => new()
    {
        Cell = cell, Repetition = repetition, TaskId = taskId, SampleIndex = 0, PromptTokens = 3, GeneratedTokens = 2,
        StopReason = "Eos", PrefillSeconds = 0.001, TtftSeconds = 0.001, DecodeSeconds = 0.01, PrefillJoules = 0.1, DecodeJoules = 0.5,
        EnergyKind = "Estimated", Domains = [], Completion = completion, TokenTextEnds = [completion.Length / 2, completion.Length],
    };

    /// <summary>Passes "return 1"; counts what it was asked, since the scorer may be called from several threads.</summary>
    private sealed class CountingScorer : ISuiteScorer
    {
        private int _usefulEnds;

        public System.Collections.Concurrent.ConcurrentBag<string> Scored { get; } = [];

        public int UsefulEnds => _usefulEnds;

        public bool RunsCode => false;

        public string Reference(IBenchmarkTask task) => "return 1";

        public Task<TaskScore> ScoreAsync(IBenchmarkTask task, string completion, SandboxExecutor? sandbox, CancellationToken ct = default)
        {
            Scored.Add($"{task.TaskId}:{completion}");
            var passed = completion == "return 1";
            return Task.FromResult(new TaskScore(passed, passed ? "passed" : "failed"));
        }

        public int? UsefulEnd(IBenchmarkTask task, IReadOnlyList<string> tokenTexts, SyntaxChecker? checker)
        {
            Interlocked.Increment(ref _usefulEnds);
            return string.Concat(tokenTexts) == "return 1" ? 2 : 1;
        }
    }
}

using EnergyGate.Core.Datasets;
using EnergyGate.Core.Generation.Tokenizers;
using EnergyGate.Core.Suites.LongBench;
using EnergyGate.Core.Tests.TestSupport;

namespace EnergyGate.Core.Tests.Suites.LongBench;

public sealed class LongBenchSuiteTests : IDisposable
{
    private static readonly HuggingFaceTokenizer Tokenizer =
        HuggingFaceTokenizer.Load(Path.Combine(RepoPaths.RepoRoot, "tests", "TestData", "tokenizers", "bytelevel-bpe"));

    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Data_dir_is_read_without_the_cache()
    {
        var records = await LongBenchSuite.LoadAsync("lcc", LongBenchTestData.Dir, new DatasetCache(_dir.Path));

        Assert.Equal(["lcc-0001", "lcc-0002"], records.Select(r => r.Id));
        Assert.Empty(_dir.AllFiles());
    }

    [Fact]
    public async Task Unknown_task_is_reported_before_any_file_is_touched()
    {
        var ex = await Assert.ThrowsAsync<EnergyGateException>(() => LongBenchSuite.LoadAsync("narrativeqa", null, new DatasetCache(_dir.Path)));

        Assert.StartsWith("unknown LongBench task `narrativeqa`", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Short_record_becomes_a_problem_with_the_full_prompt()
    {
        var record = (await LongBenchSuite.LoadAsync("repobench-p", LongBenchTestData.Dir, new DatasetCache(_dir.Path)))[1];

        var problem = LongBenchSuite.ToProblem(record, LongBenchTasks.RepoBenchP, Tokenizer, maxPromptTokens: 4096);

        Assert.Equal(
            new UnderstandingProblem(
                "rb-0002",
                "Please complete the code given below. \n// Helpers.cs\nstatic int Twice(int v) => v * 2;\nvar x = Next line of code:\n",
                record.Answers,
                11,
                "repobench-p"),
            problem);
    }

    [Fact]
    public void Long_record_keeps_the_instruction_and_the_question_and_loses_the_middle()
    {
        var context = string.Concat(Enumerable.Repeat("QQQQ\n", 400));
        var record = new LongBenchRecord("long-1", "Z = ", context, ["Z = 1"], 400, "lcc", "python", null);
        var full = LongBenchPrompt.Build(record, LongBenchTasks.RepoBenchP);

        var problem = LongBenchSuite.ToProblems([record], LongBenchTasks.RepoBenchP, Tokenizer, maxPromptTokens: 64).Single();

        Assert.Equal(LongBenchPrompt.Truncate(full, Tokenizer, 64), problem.Prompt);
        Assert.StartsWith("Please complete the code given below. \nQQQQ", problem.Prompt, StringComparison.Ordinal);
        Assert.EndsWith("QQQQ\nZ = Next line of code:\n", problem.Prompt, StringComparison.Ordinal);
        Assert.True(problem.Prompt.Length < full.Length / 4);
        Assert.Equal(("long-1", 400, "lcc"), (problem.TaskId, problem.Length, problem.Dataset));
    }
}

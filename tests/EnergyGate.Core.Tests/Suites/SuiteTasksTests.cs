using EnergyGate.Core.Configuration;
using EnergyGate.Core.Datasets;
using EnergyGate.Core.Generation;
using EnergyGate.Core.Generation.Tokenizers;
using EnergyGate.Core.Suites;
using EnergyGate.Core.Suites.Builder;
using EnergyGate.Core.Suites.LongBench;
using EnergyGate.Core.Tests.TestSupport;

namespace EnergyGate.Core.Tests.Suites;

public sealed class SuiteTasksTests
{
    private static readonly HuggingFaceTokenizer Tokenizer = HuggingFaceTokenizer.Load(Path.Combine(RepoPaths.RepoRoot, "tests", "TestData", "tokenizers", "bytelevel-bpe"));

    [Fact]
    public async Task The_built_in_understanding_suite_truncates_its_prompts_to_the_model_context()
    {
        using var cache = new TempDir();
        var suite = new SuiteSettings(SuiteNames.SmokeLcc, null, [1], 1);
        var tasks = await SuiteTasks.LoadAsync(suite, new DatasetCache(cache.Path), Tokenizer, modelContext: 256);
        Assert.Equal(SuiteTasks.SmokeLccRecords, tasks.Count);
        Assert.All(tasks, t =>
        {
            var problem = Assert.IsType<UnderstandingProblem>(t);
            Assert.NotEmpty(problem.Answers);
            Assert.StartsWith("Please complete the code given below. \n", problem.Prompt, StringComparison.Ordinal);
            Assert.InRange(Tokenizer.Encode(problem.Prompt).Count, 1, 256 - 64 + 2);   // re-tokenising the joined halves may merge a pair
        });
    }

    [Fact]
    public async Task A_built_lcc_file_is_run_like_the_official_task_and_limited()
    {
        using var dir = new TempDir();
        var file = dir.File("mine.jsonl");
        await LccJsonl.WriteAsync(file, BuiltinCorpus.BuildLcc(5, seed: 3).Records);
        var suite = new SuiteSettings(SuiteNames.Lcc, null, [1], 1) { File = file, Limit = 3 };
        var tasks = await SuiteTasks.LoadAsync(suite, new DatasetCache(dir.Path), Tokenizer, modelContext: 4096);
        Assert.Equal(3, tasks.Count);
        Assert.EndsWith("Next line of code:\n", tasks[0].Prompt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_suite_file_says_how_to_make_one()
    {
        using var dir = new TempDir();
        var suite = new SuiteSettings(SuiteNames.Lcc, null, [1], 1) { File = dir.File("absent.jsonl") };
        var error = await Assert.ThrowsAsync<EnergyGateException>(() => SuiteTasks.LoadAsync(suite, new DatasetCache(dir.Path), Tokenizer, 512));
        Assert.Contains("suite build lcc", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Understanding_suites_decode_64_tokens_without_stop_strings_code_suites_keep_the_configured_settings()
    {
        var configured = new GenerationSettings { MaxNewTokens = 128, StopStrings = GenerationSettings.HumanEvalStopStrings };
        Assert.Same(configured, SuiteTasks.Decoding(new SuiteSettings(SuiteNames.HumanEval, null, [1], 1), configured));
        var understanding = SuiteTasks.Decoding(new SuiteSettings(SuiteNames.SmokeLcc, null, [1], 1), configured);
        Assert.Equal(64, understanding.MaxNewTokens);
        Assert.Empty(understanding.StopStrings);
        var unsuppressed = SuiteTasks.Decoding(new SuiteSettings(SuiteNames.Smoke, null, [1], 1) { Suppression = SuppressionNames.None }, configured);
        Assert.Empty(unsuppressed.StopStrings);
        Assert.Equal(128, unsuppressed.MaxNewTokens);
    }
}

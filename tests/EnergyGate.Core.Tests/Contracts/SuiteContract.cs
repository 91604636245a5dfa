using EnergyGate.Core.Configuration;
using EnergyGate.Core.Datasets;
using EnergyGate.Core.Generation.Tokenizers;
using EnergyGate.Core.Suites;
using EnergyGate.Core.Tests.TestSupport;

namespace EnergyGate.Core.Tests.Contracts;

/// <summary>
/// What every suite of <see cref="SuiteDefinitions"/> must do, run once per suite by a derived class
/// (<see cref="SuiteContractCoverageTests"/> fails when a suite has none). Data comes from the repo's
/// fixtures or the shared HumanEval file, never from the network.
/// </summary>
[Collection(SuiteContractSandbox.Collection)]
public abstract class SuiteContract(SuiteContractSandbox sandbox) : IDisposable
{
    // The sandbox's Python program raises on purpose, so no test can pass it; for a next line, a call nobody writes.
    private const string WrongCode = "    raise AssertionError('wrong on purpose')\n";
    private const string WrongLine = "wrong_on_purpose(42)\n";

    private static readonly HuggingFaceTokenizer Tokenizer = HuggingFaceTokenizer.Load(Path.Combine(RepoPaths.RepoRoot, "tests", "TestData", "tokenizers", "bytelevel-bpe"));

    private readonly TempDir _cache = new();

    /// <summary>The suite's name in the catalog.</summary>
    protected abstract string Name { get; }

    /// <summary>The kind the suite must state.</summary>
    protected abstract SuiteKind ExpectedKind { get; }

    /// <summary>Settings that load the suite from data the tests own (limited to keep the sandbox's work short).</summary>
    protected abstract SuiteSettings Settings(SuiteSettings plain);

    private ISuiteDefinition Definition => SuiteDefinitions.Get(Name);

    public void Dispose()
    {
        _cache.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public void Is_listed_once_with_its_kind_and_a_coherent_default()
    {
        Assert.Single(SuiteDefinitions.Names, n => n == Name);
        Assert.Same(Definition, SuiteDefinitions.Find(Name));
        Assert.Equal(ExpectedKind, Definition.Kind);
        Assert.Contains(Definition.DefaultSuppression, Definition.Suppressions);
        Assert.All(Definition.Suppressions, s => Assert.Contains(s, SuppressionNames.All));
        Assert.NotEqual(SuiteSources.None, Definition.Sources);
        Assert.True(Definition.MaxNewTokens is null or > 0);
        Assert.Equal(ExpectedKind == SuiteKind.Generation, Definition.Scorer.RunsCode);
    }

    [Fact]
    public async Task Loads_tasks_with_unique_ids_and_prompts()
    {
        var tasks = await LoadAsync();

        Assert.NotEmpty(tasks);
        Assert.Equal(tasks.Count, tasks.Select(t => t.TaskId).Distinct(StringComparer.Ordinal).Count());
        Assert.All(tasks, t => Assert.False(string.IsNullOrWhiteSpace(t.Prompt), $"{t.TaskId} has an empty prompt"));
        Assert.All(tasks, t => Assert.False(string.IsNullOrEmpty(t.ContentForHash), $"{t.TaskId} has nothing to hash"));
    }

    [Fact]
    public async Task Scores_the_reference_answer_as_correct_and_a_wrong_one_as_not()
    {
        var tasks = await LoadAsync();
        var scorer = Definition.Scorer;
        var executor = scorer.RunsCode ? await sandbox.ExecutorAsync() : null;

        foreach (var task in tasks)
        {
            var right = await scorer.ScoreAsync(task, scorer.Reference(task), executor);
            var wrong = await scorer.ScoreAsync(task, scorer.RunsCode ? WrongCode : WrongLine, executor);

            Assert.True(right.Passed, $"{task.TaskId}: reference scored {right.Result}");
            Assert.False(wrong.Passed, $"{task.TaskId}: a wrong answer scored {wrong.Result}");
            if (!scorer.RunsCode)
            {
                Assert.Equal(1.0, right.Similarity);
                Assert.True(wrong.Similarity < 1.0);
            }
        }
    }

    [Fact]
    public async Task Refuses_the_sources_it_does_not_read_naming_them()
    {
        var plain = new SuiteSettings(Name, null, [1], 1);
        var refused = new List<(SuiteSettings Settings, string Key)>();
        if (!Definition.Sources.HasFlag(SuiteSources.DataDir))
        {
            refused.Add((plain with { DataDir = _cache.Path }, "data-dir"));
        }
        if (!Definition.Sources.HasFlag(SuiteSources.File))
        {
            refused.Add((plain with { File = _cache.File("records.jsonl") }, "file"));
        }

        foreach (var (settings, key) in refused)
        {
            var error = await Assert.ThrowsAsync<EnergyGateException>(
                () => Definition.LoadAsync(settings, new SuiteLoadContext(new DatasetCache(_cache.Path), Tokenizer, 4096)));
            Assert.Contains($"suite `{Name}` does not read a `{key}`", error.Message, StringComparison.Ordinal);
        }
        // A suite that reads every source has nothing to refuse: say so rather than pass an empty loop.
        Assert.True(refused.Count > 0 || Definition.Sources.HasFlag(SuiteSources.DataDir | SuiteSources.File));
    }

    private Task<IReadOnlyList<IBenchmarkTask>> LoadAsync() =>
        Definition.LoadAsync(Settings(new SuiteSettings(Name, null, [1], 1)), new SuiteLoadContext(new DatasetCache(_cache.Path), Tokenizer, 4096));
}

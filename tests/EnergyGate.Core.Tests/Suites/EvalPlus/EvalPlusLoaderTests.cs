using System.IO.Compression;
using System.Text;
using EnergyGate.Core.Configuration;
using EnergyGate.Core.Datasets;
using EnergyGate.Core.Generation.Tokenizers;
using EnergyGate.Core.Suites;
using EnergyGate.Core.Suites.EvalPlus;
using EnergyGate.Core.Tests.TestSupport;

namespace EnergyGate.Core.Tests.Suites.EvalPlus;

/// <summary>Reading the EvalPlus and MBPP formats: fields, prompts, limits, and the errors a bad line gets.</summary>
public sealed class EvalPlusLoaderTests : IDisposable
{
    private const string Good = """{"task_id": "T/0", "prompt": "def f(x):\n", "entry_point": "f", "canonical_solution": "    return x\n", "base_input": [[1]], "plus_input": [[2], [3]], "atol": 0}""";

    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static IReadOnlyList<CodeProblem> Read(string jsonl, EvalPlusFormat format = EvalPlusFormat.HumanEvalPlus) =>
        EvalPlusLoader.Load(new MemoryStream(Encoding.UTF8.GetBytes(jsonl)), "mine.jsonl", format);

    [Fact]
    public void Reads_the_samples_with_their_inputs_and_EvalPlus_limits()
    {
        var problems = EvalPlusLoader.Load(EvalPlusScoringTests.Sample("HumanEvalPlus-sample.jsonl"), EvalPlusFormat.HumanEvalPlus);

        Assert.Equal(["HumanEval/0", "HumanEval/2", "HumanEval/32"], problems.Select(p => p.TaskId));
        Assert.All(problems, p => Assert.Equal(TimeSpan.FromSeconds(121), p.TimeLimit));
        Assert.Contains("max(4.0, 4.0 * (", problems[0].Test, StringComparison.Ordinal);
        Assert.Contains("def check(candidate):", problems[0].Test, StringComparison.Ordinal);
    }

    [Fact]
    public void Mbpp_prompts_are_EvalPlus_docstrings_and_the_entry_point_is_the_tested_function()
    {
        var problems = MbppLoader.Load(EvalPlusScoringTests.Sample("mbpp-sample.jsonl"));

        Assert.Equal(["Mbpp/2", "Mbpp/3", "Mbpp/4"], problems.Select(p => p.TaskId));
        Assert.Equal("\"\"\"\nWrite a python function to identify non-prime numbers.\nassert is_not_prime(2) == False\n\"\"\"\n", problems[1].Prompt);
        Assert.Equal(["similar_elements", "is_not_prime", "heap_queue_largest"], problems.Select(p => p.EntryPoint));
        Assert.Null(problems[0].TimeLimit);
        // MBPP+'s own prompt has the same shape, so the two suites prompt alike.
        var plus = EvalPlusLoader.Load(EvalPlusScoringTests.Sample("MbppPlus-sample.jsonl"), EvalPlusFormat.MbppPlus);
        Assert.Equal(problems[1].Prompt, plus[0].Prompt);
    }

    [Fact]
    public void Reads_gzip_like_the_released_files()
    {
        var path = _dir.File("HumanEvalPlus-v0.1.10.jsonl.gz");
        using (var gzip = new GZipStream(File.Create(path), CompressionLevel.Fastest))
        {
            gzip.Write(Encoding.UTF8.GetBytes(Good + "\n"));
        }

        Assert.Equal("T/0", Assert.Single(EvalPlusLoader.Load(path, EvalPlusFormat.HumanEvalPlus)).TaskId);
    }

    [Theory]
    [InlineData("\"entry_point\": \"f\", ", "", "mine.jsonl:2: missing field `entry_point`")]
    [InlineData("\"base_input\": [[1]]", "\"base_input\": 1", "mine.jsonl:2: field `base_input` must be an array, found Number")]
    [InlineData("\"plus_input\": [[2], [3]]", "\"plus_input\": [[2], 3]", "mine.jsonl:2: field `plus_input`[1] must be an array of arguments, found Number")]
    [InlineData("\"atol\": 0", "\"atol\": -1", "mine.jsonl:2: field `atol` must be a non-negative number, found -1")]
    [InlineData("\"prompt\": \"def f(x):\\n\"", "\"prompt\": 7", "mine.jsonl:2: field `prompt` must be a string, found Number")]
    [InlineData("\"base_input\": [[1]], \"plus_input\": [[2], [3]]", "\"base_input\": [], \"plus_input\": []", "mine.jsonl:2: `base_input` and `plus_input` are both empty")]
    public void A_bad_line_is_named_with_its_field(string from, string to, string expected)
    {
        var bad = Good.Replace("T/0", "T/1", StringComparison.Ordinal).Replace(from, to, StringComparison.Ordinal);

        var error = Assert.Throws<EnergyGateException>(() => Read(Good + "\n" + bad + "\n"));

        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_ids_and_bad_mbpp_lines_are_refused()
    {
        Assert.Equal("mine.jsonl:3: duplicate task_id `T/0` (first on line 1)",
            Assert.Throws<EnergyGateException>(() => Read(Good + "\n\n" + Good)).Message);

        var mbpp = """{"task_id": 9, "text": "Add.", "code": "def add(a, b):\n    return a + b", "test_list": ["assert plus(1, 2) == 3"]}""";
        var error = Assert.Throws<EnergyGateException>(() => MbppLoader.Load(new MemoryStream(Encoding.UTF8.GetBytes(mbpp)), "m.jsonl"));
        Assert.Equal("m.jsonl:1: no function defined in `code` is called by the first test `assert plus(1, 2) == 3`", error.Message);
    }

    [Fact]
    public void Placeholder_words_inside_the_data_stay_as_they_are()
    {
        var problem = Assert.Single(Read(Good.Replace("def f(x):\\n", "def f(x):\\n    '@MIN @ATOL'\\n", StringComparison.Ordinal)));

        Assert.Contains("'@MIN @ATOL'", problem.Test, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_private_humaneval_file_loads_through_the_humaneval_suite()
    {
        var path = _dir.File("mine.jsonl");
        await File.WriteAllTextAsync(path, """{"task_id": "Mine/1", "prompt": "def one():\n", "entry_point": "one", "canonical_solution": "    return 1\n", "test": "def check(c):\n    assert c() == 1\n"}""" + "\n");
        var tokenizer = HuggingFaceTokenizer.Load(Path.Combine(RepoPaths.RepoRoot, "tests", "TestData", "tokenizers", "bytelevel-bpe"));

        var tasks = await SuiteDefinitions.Get(SuiteNames.HumanEval).LoadAsync(
            new SuiteSettings(SuiteNames.HumanEval, null, [1], 1) { File = path },
            new SuiteLoadContext(new DatasetCache(_dir.File("cache")), tokenizer, 4096));

        Assert.Equal("Mine/1", Assert.Single(tasks).TaskId);
    }
}

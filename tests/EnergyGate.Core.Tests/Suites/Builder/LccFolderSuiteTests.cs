using System.Text.RegularExpressions;
using EnergyGate.Core.Suites.Builder;

namespace EnergyGate.Core.Tests.Suites.Builder;

public sealed partial class LccFolderSuiteTests : IDisposable
{
    private readonly SampleSourceTree _tree = new();

    public void Dispose() => _tree.Dispose();

    [Theory]
    [InlineData("python")]
    [InlineData("csharp")]
    [InlineData("java")]
    public async Task Same_seed_gives_identical_bytes_and_another_seed_differs(string name)
    {
        var language = LccLanguage.Find(name);
        async Task<byte[]> BuildAsync(int seed, string file)
        {
            var result = LccFolderSuite.Build(_tree.Root, language, new LccBuildOptions(8, seed));
            await LccJsonl.WriteAsync(_tree.Output(file), result.Records);
            return await File.ReadAllBytesAsync(_tree.Output(file));
        }

        var first = await BuildAsync(7, "a.jsonl");
        var again = await BuildAsync(7, "b.jsonl");
        var other = await BuildAsync(8, "c.jsonl");

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Theory]
    [InlineData("python", 20)]
    [InlineData("csharp", 20)]
    [InlineData("java", 35)]
    public void Every_answer_is_the_stripped_non_trivial_line_right_after_its_context(string name, int minContext)
    {
        var language = LccLanguage.Find(name);
        var sources = SourceTree.Read(_tree.Root, language);
        var result = LccFolderSuite.Build(_tree.Root, language, new LccBuildOptions(60, 3, minContext));

        Assert.Equal(60, result.Records.Count);
        Assert.Equal(60, result.Records.Select(r => r.Id).Distinct().Count());
        foreach (var record in result.Records)
        {
            var (source, line) = Locate(sources, record.Id);
            var lines = source.Text.Split('\n');
            Assert.True(line >= minContext, $"{record.Id}: only {line} lines of context");
            Assert.Equal(string.Join('\n', lines[..line]) + "\n", record.Context);
            Assert.Equal(lines[line].Trim(), Assert.Single(record.Answers));
            Assert.False(language.IsTrivial(record.Answers[0]), record.Answers[0]);
            Assert.Equal(record.Context.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length, record.Length);
            Assert.Equal(("", "lcc", name), (record.Input, record.Dataset, record.Language));
            Assert.Null(record.AllClasses);
            Assert.Matches(HexId(), record.Id);
        }
    }

    [Fact]
    public void Build_output_skipped_folders_and_files_too_short_are_never_used()
    {
        var sources = SourceTree.Read(_tree.Root, LccLanguage.Python);
        var paths = sources.Select(s => s.RelativePath).ToList();
        var result = LccFolderSuite.Build(_tree.Root, LccLanguage.Python, new LccBuildOptions(10_000));

        Assert.Equal(["pkg/module_0.py", "pkg/module_1.py", "pkg/module_2.py", "pkg/module_3.py", "pkg/short.py", "top.py"], paths);
        Assert.Equal(5, result.CandidateFiles);
        var used = result.Records.Select(r => Locate(sources, r.Id).Source.RelativePath).ToHashSet();
        Assert.DoesNotContain("pkg/short.py", used);
        Assert.Equal(5, used.Count);
    }

    [Fact]
    public void Records_come_from_different_files_until_every_file_has_been_used()
    {
        var sources = SourceTree.Read(_tree.Root, LccLanguage.CSharp);
        var result = LccFolderSuite.Build(_tree.Root, LccLanguage.CSharp, new LccBuildOptions(6, 11));

        var files = result.Records.Select(r => Locate(sources, r.Id).Source.RelativePath).ToList();

        Assert.Equal(4, files.Take(4).Distinct().Count());
        Assert.Equal(4, files.Distinct().Count());
    }

    [Fact]
    public void Too_few_candidates_give_fewer_records_and_say_so()
    {
        _tree.Write("tiny/only.py", "import os\n\n\ndef main():\n    # say hello\n    print('hi')\n\n    return 0\n");
        var root = Path.Combine(_tree.Root, "tiny");

        var result = LccFolderSuite.Build(root, LccLanguage.Python, new LccBuildOptions(5, MinContextLines: 4));

        Assert.Equal(["print('hi')", "return 0"], result.Records.Select(r => r.Answers[0]).Order(StringComparer.Ordinal));
        Assert.True(result.IsShort);
        Assert.Equal(
            $"only 2 usable lines in 1 .py files under {root}: built 2 of the 5 records requested",
            LccFolderSuite.Shortfall(result, LccLanguage.Python, root));
        Assert.Null(LccFolderSuite.Shortfall(LccFolderSuite.Build(root, LccLanguage.Python, new LccBuildOptions(2, MinContextLines: 4)), LccLanguage.Python, root));
    }

    [Fact]
    public void Clear_errors_for_a_missing_folder_bad_options_and_nothing_found()
    {
        var missing = Path.Combine(_tree.Root, "nope");
        Assert.Equal($"--from folder `{missing}` does not exist",
            Assert.Throws<EnergyGateException>(() => LccFolderSuite.Build(missing, LccLanguage.Java, new LccBuildOptions(1))).Message);
        Assert.Equal("--count must be at least 1 (got 0)",
            Assert.Throws<EnergyGateException>(() => LccFolderSuite.Build(_tree.Root, LccLanguage.Java, new LccBuildOptions(0))).Message);
        Assert.Equal("--min-context-lines must be at least 1 (got 0)",
            Assert.Throws<EnergyGateException>(() => LccFolderSuite.Build(_tree.Root, LccLanguage.Java, new LccBuildOptions(1, 0, 0))).Message);
        var pkg = Path.Combine(_tree.Root, "pkg");
        var nothing = Assert.Throws<EnergyGateException>(() => LccFolderSuite.Build(pkg, LccLanguage.Java, new LccBuildOptions(1)));
        Assert.StartsWith($"no .java files with at least 20 lines under {pkg}", nothing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Crlf_files_give_the_same_records_as_lf_files_with_lf_contexts()
    {
        var lf = LccFolderSuite.Build(_tree.Root, LccLanguage.Java, new LccBuildOptions(12, 5));
        foreach (var source in SourceTree.Read(_tree.Root, LccLanguage.Java))
        {
            _tree.Write(source.RelativePath, source.Text.Replace("\n", "\r\n", StringComparison.Ordinal));
        }

        var crlf = LccFolderSuite.Build(_tree.Root, LccLanguage.Java, new LccBuildOptions(12, 5));

        Assert.Contains('\r', SourceTree.Read(_tree.Root, LccLanguage.Java)[0].Text);
        Assert.Equal(lf.Records.Select(LccJsonl.Serialize), crlf.Records.Select(LccJsonl.Serialize));
        Assert.All(crlf.Records, r => Assert.DoesNotContain('\r', r.Context + r.Answers[0]));
    }

    /// <summary>The file and 0-based answer line of a record, found by recomputing every possible id.</summary>
    private static (LccSource Source, int Line) Locate(IReadOnlyList<LccSource> sources, string id) =>
        sources.SelectMany(s => Enumerable.Range(0, s.Text.Split('\n').Length).Select(i => (s, i)))
            .Single(c => LccBuilder.RecordId(c.s.RelativePath, c.i + 1) == id);

    [GeneratedRegex("^[0-9a-f]{48}$")]
    private static partial Regex HexId();
}

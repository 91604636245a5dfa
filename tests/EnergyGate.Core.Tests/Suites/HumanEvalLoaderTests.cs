using System.IO.Compression;
using System.Text;
using EnergyGate.Core.Suites;
using EnergyGate.Core.Suites.HumanEval;
using EnergyGate.Core.Tests.TestSupport;

namespace EnergyGate.Core.Tests.Suites;

public sealed class HumanEvalLoaderTests : IDisposable
{
    private const string Good1 =
        """{"task_id": "T/0", "prompt": "def f():\n", "entry_point": "f", "canonical_solution": "    return 1\n", "test": "def check(c):\n    assert c() == 1\n"}""";
    private const string Good2 =
        """{"task_id": "T/1", "prompt": "def g():\n", "entry_point": "g", "canonical_solution": "    return 2\n", "test": "def check(c):\n    assert c() == 2\n"}""";

    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void LoadsTheOfficialFileInPlace()
    {
        var problems = HumanEvalLoader.Load(RepoPaths.HumanEvalFile);

        Assert.Equal(164, problems.Count);
        Assert.Equal("HumanEval/0", problems[0].TaskId);
        Assert.Equal("has_close_elements", problems[0].EntryPoint);
        Assert.Equal("HumanEval/163", problems[^1].TaskId);
        Assert.All(problems, p => Assert.False(string.IsNullOrWhiteSpace(p.EntryPoint)));
        Assert.All(problems, p => Assert.Contains("def check(candidate)", p.Test, StringComparison.Ordinal));
        Assert.All(problems, p => Assert.Contains($"def {p.EntryPoint}(", p.Prompt, StringComparison.Ordinal));
    }

    [Fact]
    public void DetectsGzipByContentNotExtension()
    {
        var plainNamedGz = _dir.File("plain.jsonl.gz");
        File.WriteAllText(plainNamedGz, Good1 + "\n" + Good2 + "\n");
        var gzipNamedPlain = _dir.File("compressed.jsonl");
        using (var gzip = new GZipStream(File.Create(gzipNamedPlain), CompressionLevel.Fastest))
        {
            gzip.Write(Encoding.UTF8.GetBytes(Good1 + "\n" + Good2 + "\n"));
        }

        Assert.Equal(["T/0", "T/1"], HumanEvalLoader.Load(plainNamedGz).Select(p => p.TaskId));
        Assert.Equal(["T/0", "T/1"], HumanEvalLoader.Load(gzipNamedPlain).Select(p => p.TaskId));
    }

    [Fact]
    public void SkipsBlankLinesAndKeepsFieldsVerbatim()
    {
        var problems = Load("\n" + Good1 + "\r\n   \n\n" + Good2);

        Assert.Equal(2, problems.Count);
        Assert.Equal(new CodeProblem("T/0", "def f():\n", "f", "    return 1\n", "def check(c):\n    assert c() == 1\n"), problems[0]);
    }

    [Fact]
    public void MissingFieldNamesFileLineAndField()
    {
        var line = Good2.Replace("\"entry_point\": \"g\", ", "", StringComparison.Ordinal);
        var path = Write("HumanEval.jsonl", Good1 + "\n\n" + line + "\n");

        var ex = Assert.Throws<EnergyGateException>(() => HumanEvalLoader.Load(path));

        Assert.Equal($"{path}:3: missing field `entry_point`", ex.Message);
    }

    [Theory]
    [InlineData("{\"task_id\": \"T/2\", ", "not valid JSON")]
    [InlineData("[1, 2]", "expected a JSON object")]
    public void MalformedLineIsReportedWithItsNumber(string badLine, string expected)
    {
        var ex = Assert.Throws<EnergyGateException>(() => Load(Good1 + "\n" + Good2 + "\n" + badLine));

        Assert.Contains("x.jsonl:3: " + expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NonStringAndEmptyFieldsAreRejected()
    {
        var number = Good1.Replace("\"T/0\"", "7", StringComparison.Ordinal);
        var empty = Good1.Replace("\"entry_point\": \"f\"", "\"entry_point\": \"\"", StringComparison.Ordinal);

        Assert.Equal("x.jsonl:1: field `task_id` must be a string, found Number",
            Assert.Throws<EnergyGateException>(() => Load(number)).Message);
        Assert.Equal("x.jsonl:1: field `entry_point` is empty",
            Assert.Throws<EnergyGateException>(() => Load(empty)).Message);
    }

    [Fact]
    public void DuplicateTaskIdNamesBothLines()
    {
        var ex = Assert.Throws<EnergyGateException>(() => Load(Good1 + "\n" + Good2 + "\n" + Good1));

        Assert.Equal("x.jsonl:3: duplicate task_id `T/0` (first on line 1)", ex.Message);
    }

    [Fact]
    public void EmptyMissingAndCorruptFilesAreClearErrors()
    {
        Assert.Equal("x.jsonl: contains no problems", Assert.Throws<EnergyGateException>(() => Load("\n\n")).Message);

        var missing = _dir.File("nope.jsonl.gz");
        Assert.Equal($"{missing}: file not found", Assert.Throws<EnergyGateException>(() => HumanEvalLoader.Load(missing)).Message);

        var corrupt = _dir.File("corrupt.jsonl.gz");
        File.WriteAllBytes(corrupt, [0x1f, 0x8b, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
        var ex = Assert.Throws<EnergyGateException>(() => HumanEvalLoader.Load(corrupt));
        Assert.StartsWith($"{corrupt}: corrupt gzip data", ex.Message, StringComparison.Ordinal);
    }

    private static IReadOnlyList<CodeProblem> Load(string text) =>
        HumanEvalLoader.Load(new MemoryStream(Encoding.UTF8.GetBytes(text)), "x.jsonl");

    private string Write(string name, string text)
    {
        var path = _dir.File(name);
        File.WriteAllText(path, text);
        return path;
    }
}

using EnergyGate.Core.Configuration;

namespace EnergyGate.Core.Tests.Configuration;

/// <summary>Schema violations: each message names file:line:col, the field path, what was expected and what was found.</summary>
public sealed class ConfigErrorTests
{
    [Fact]
    public void BadKItemNamesPositionPathExpectedAndFound()
    {
        const string yaml = """
            version: 1
            suites:
              - name: smoke
              - name: humaneval
                samples-per-task: 10
                data-dir: data
                k: [ten, 1]
            """;

        Assert.Equal("energygate.yml:7:9: suites[1].k[0]: expected a positive integer, found \"ten\"", ConfigText.SingleError(yaml));
    }

    [Fact]
    public void EveryErrorIsReportedInFileOrder()
    {
        var errors = ConfigText.Errors("sandbox:\n  workers: 0\n  timeout: -1\nversion: 2\n");

        Assert.Equal(
            [
                "energygate.yml:2:12: sandbox.workers: expected a positive integer, found \"0\"",
                "energygate.yml:3:12: sandbox.timeout: expected a number of seconds greater than 0 and at most 86400, found \"-1\"",
                "energygate.yml:4:10: version: expected 1 (the only format this version of EnergyGate reads), found \"2\"",
            ],
            errors.Select(e => e.ToString()));
        Assert.Equal(new ConfigError("energygate.yml", 2, 12, "sandbox.workers", "expected a positive integer, found \"0\""), errors[0]);
    }

    [Fact]
    public void ExceptionMessageListsEveryError()
    {
        var ex = Assert.Throws<ConfigurationException>(() => ConfigText.Parse("version: 1\nsandbox:\n  workers: x\n  cpu-seconds: y\n"));

        Assert.IsAssignableFrom<EnergyGateException>(ex);
        Assert.StartsWith("2 configuration errors:", ex.Message, StringComparison.Ordinal);
        Assert.Contains("energygate.yml:3:12: sandbox.workers:", ex.Message, StringComparison.Ordinal);
        Assert.Contains("energygate.yml:4:16: sandbox.cpu-seconds:", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheDocumentedFourMistakeExampleGivesTheDocumentedErrors()
    {
        // docs/configuration.md shows a broken file and its output; keep the two from drifting apart.
        var doc = RepoFiles.Read("docs", "configuration.md");
        var yamlStart = doc.IndexOf("# energygate.yml with four mistakes\n", StringComparison.Ordinal);
        var yaml = doc[yamlStart..doc.IndexOf("```", yamlStart, StringComparison.Ordinal)];
        var outputStart = doc.IndexOf("energygate: error: 4 configuration errors:\n", yamlStart, StringComparison.Ordinal);
        var output = doc[outputStart..doc.IndexOf("```", outputStart, StringComparison.Ordinal)];

        Assert.Equal(output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1), ConfigText.Errors(yaml).Select(e => e.ToString()));
    }

    [Theory]
    [InlineData("", "energygate.yml:1:1: version: required; add `version: 1` at the top of the file")]
    [InlineData("python: python3\n", "energygate.yml:1:1: version: required; add `version: 1` at the top of the file")]
    [InlineData("version: '1'\n", "energygate.yml:1:10: version: expected 1 (the only format this version of EnergyGate reads), found the quoted string \"1\"")]
    [InlineData("- 1\n", "energygate.yml:1:1: expected a mapping, found a list")]
    public void VersionIsRequiredAndMustBe1(string yaml, string expected) =>
        Assert.Equal(expected, ConfigText.SingleError(yaml));

    [Fact]
    public void UnknownKeySuggestsTheClosestValidKey()
    {
        Assert.Equal("energygate.yml:2:1: sandbx: unknown key `sandbx`; did you mean `sandbox`?",
            ConfigText.SingleError("version: 1\nsandbx:\n  timeout: 3\n"));
    }

    [Theory]
    [InlineData("sandbox:\n  tiemout: 3\n", "energygate.yml:3:3: sandbox.tiemout: unknown key `tiemout`; did you mean `timeout`?")]
    [InlineData("cache_dir: x\n", "energygate.yml:2:1: cache_dir: unknown key `cache_dir`; did you mean `cache-dir`?")]
    [InlineData("suites:\n  - name: smoke\n    samples: 1\n", "energygate.yml:4:5: suites[0].samples: unknown key `samples`; expected one of: name, kind, data-dir, file, k, samples-per-task, limit, suppression, prompt-format")]
    [InlineData("colour: red\n", "energygate.yml:2:1: colour: unknown key `colour`; expected one of: version, python, cache-dir, results-dir, suites, sandbox, models, runtimes, measurement, decoding, baselines, machine-class, gate, report")]
    public void UnknownKeysAtEveryLevel(string body, string expected) =>
        Assert.Equal(expected, ConfigText.SingleError("version: 1\n" + body));

    [Fact]
    public void BaselinesIsAPathNotASection() =>
        Assert.Equal("energygate.yml:2:12: baselines: expected a path, found a mapping",
            ConfigText.SingleError("version: 1\nbaselines: {anything: 1}\n"));

    [Fact]
    public void DuplicateKeysAreReportedWithTheFirstPosition()
    {
        var errors = ConfigText.Errors("version: 1\nsandbox:\n  workers: 1\n  workers: 2\ncache-dir: a\ncache-dir: b\n");

        Assert.Equal(
            [
                "energygate.yml:4:3: sandbox.workers: duplicate key `workers` (first defined at 3:3)",
                "energygate.yml:6:1: cache-dir: duplicate key `cache-dir` (first defined at 5:1)",
            ],
            errors.Select(e => e.ToString()));
    }

    [Theory]
    [InlineData("suites:\n  - name: humaneval\n  - name: humaneval\n", "energygate.yml:4:11: suites[1].name: duplicate suite `humaneval` (first listed at 3:11)")]
    [InlineData("suites:\n  - name: humaneva\n", "energygate.yml:3:11: suites[0].name: unknown suite \"humaneva\"; did you mean `humaneval`? valid suites: humaneval, humaneval-plus, mbpp, mbpp-plus, smoke, lcc, repobench-p, lcc_e, repobench-p_e, smoke-lcc")]
    [InlineData("suites:\n  - name: apps\n", "energygate.yml:3:11: suites[0].name: unknown suite \"apps\"; valid suites: humaneval, humaneval-plus, mbpp, mbpp-plus, smoke, lcc, repobench-p, lcc_e, repobench-p_e, smoke-lcc")]
    [InlineData("suites:\n  - k: [1]\n", "energygate.yml:3:5: suites[0].name: required; expected one of: humaneval, humaneval-plus, mbpp, mbpp-plus, smoke, lcc, repobench-p, lcc_e, repobench-p_e, smoke-lcc")]
    [InlineData("suites:\n  - name: smoke\n    data-dir: x\n", "energygate.yml:4:15: suites[0].data-dir: applies only to suites read from a folder (humaneval, humaneval-plus, mbpp, mbpp-plus, lcc, repobench-p, lcc_e, repobench-p_e)")]
    [InlineData("suites: []\n", "energygate.yml:2:9: suites: expected a non-empty list of suites, found a list")]
    [InlineData("suites: smoke\n", "energygate.yml:2:9: suites: expected a non-empty list of suites, found \"smoke\"")]
    [InlineData("suites:\n  - smoke\n", "energygate.yml:3:5: suites[0]: expected a mapping, found \"smoke\"")]
    public void SuiteErrors(string body, string expected) =>
        Assert.Equal(expected, ConfigText.SingleError("version: 1\n" + body));

    [Theory]
    [InlineData("k: [1, 1]\n    samples-per-task: 5\n", "energygate.yml:4:12: suites[0].k[1]: duplicate value 1")]
    [InlineData("k: [1, 10]\n", "energygate.yml:4:12: suites[0].k[1]: pass@10 needs at least 10 samples per task, but `samples-per-task` is 1")]
    [InlineData("samples-per-task: 0\n    k: [1, 10]\n", "energygate.yml:4:23: suites[0].samples-per-task: expected a positive integer, found \"0\"")]
    [InlineData("k: 1\n", "energygate.yml:4:8: suites[0].k: expected a non-empty list of positive integers, found \"1\"")]
    [InlineData("k: [\"1\"]\n", "energygate.yml:4:9: suites[0].k[0]: expected a positive integer, found the quoted string \"1\"")]
    [InlineData("samples-per-task: 1.5\n", "energygate.yml:4:23: suites[0].samples-per-task: expected a positive integer, found \"1.5\"")]
    public void PassAtKErrors(string suiteLine, string expected) =>
        Assert.Equal(expected, ConfigText.SingleError("version: 1\nsuites:\n  - name: humaneval\n    " + suiteLine));

    [Theory]
    [InlineData("timeout: 0", "sandbox.timeout: expected a number of seconds greater than 0 and at most 86400, found \"0\"")]
    [InlineData("timeout: .inf", "sandbox.timeout: expected a number of seconds greater than 0 and at most 86400, found \".inf\"")]
    [InlineData("memory-mib: 1e3", "sandbox.memory-mib: expected a positive integer, found \"1e3\"")]
    [InlineData("max-processes: 99999999999", "sandbox.max-processes: expected a positive integer, found \"99999999999\"")]
    [InlineData("file-size-mib:", "sandbox.file-size-mib: expected a positive integer, found an empty value")]
    [InlineData("workers: [1]", "sandbox.workers: expected a positive integer, found a list")]
    [InlineData("oracle-factor: 0", "sandbox.oracle-factor: expected a number from 0.01 to 1000, found \"0\"")]
    [InlineData("oracle-min-seconds: 0", "sandbox.oracle-min-seconds: expected a number of seconds greater than 0 and at most 86400, found \"0\"")]
    public void SandboxErrors(string line, string expected) =>
        Assert.EndsWith(expected, ConfigText.SingleError("version: 1\nsandbox:\n  " + line + "\n"), StringComparison.Ordinal);

    [Theory]
    [InlineData("python:\n", "energygate.yml:2:8: python: expected a path or command name, found an empty value")]
    [InlineData("cache-dir: ''\n", "energygate.yml:2:12: cache-dir: expected a path, found the quoted string \"\"")]
    [InlineData("results-dir: {a: 1}\n", "energygate.yml:2:14: results-dir: expected a path, found a mapping")]
    [InlineData("cache-dir: ~\n", "energygate.yml:2:12: cache-dir: expected a path, found ~, which YAML reads as null (write '~' for the home folder)")]
    [InlineData("sandbox: 3\n", "energygate.yml:2:10: sandbox: expected a mapping, found \"3\"")]
    public void PathAndSectionShapeErrors(string body, string expected) =>
        Assert.Equal(expected, ConfigText.SingleError("version: 1\n" + body));
}

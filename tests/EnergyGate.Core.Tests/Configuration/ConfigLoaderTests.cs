using EnergyGate.Core.Configuration;

using EnergyGate.Core.Suites;

namespace EnergyGate.Core.Tests.Configuration;

public sealed class ConfigLoaderTests
{
    private const string FullFile = """
        version: 1
        python: /usr/bin/python3
        cache-dir: ~/.cache/energygate
        results-dir: .energygate/results
        suites:
          - name: humaneval
            data-dir: ../shared/datasets/humaneval
            k: [1, 10]
            samples-per-task: 10
          - name: smoke
        sandbox:
          timeout: 2.5
          memory-mib: 2048
          cpu-seconds: 20
          file-size-mib: 8
          max-processes: 32
          workers: 2
          oracle-factor: 3
          oracle-min-seconds: 0.4
        """;

    [Fact]
    public void FullFileReadsEveryKey()
    {
        var config = ConfigText.Parse(FullFile);

        Assert.Equal(ConfigText.FileName, config.File);
        Assert.Equal("/usr/bin/python3", config.Python);
        Assert.Equal("~/.cache/energygate", config.CacheDir);
        Assert.Equal(ConfigText.InRepo(".energygate", "results"), config.ResultsDir);
        Assert.NotNull(config.Suites);
        Assert.Equal(2, config.Suites.Count);
        var humanEval = config.Suites[0];
        Assert.Equal(SuiteNames.HumanEval, humanEval.Name);
        Assert.Equal(Path.GetFullPath("../shared/datasets/humaneval", ConfigText.BaseDirectory), humanEval.DataDir);
        Assert.Equal([1, 10], humanEval.K);
        Assert.Equal(10, humanEval.SamplesPerTask);
        Assert.Equal(new SuiteConfig { Name = SuiteNames.Smoke }, config.Suites[1]);
        Assert.Equal(new SandboxConfig
        {
            TimeoutSeconds = 2.5, MemoryMib = 2048, CpuSeconds = 20, FileSizeMib = 8, MaxProcesses = 32, Workers = 2,
            OracleFactor = 3, OracleMinSeconds = 0.4,
        }, config.Sandbox);
    }

    [Fact]
    public void MinimalFileLeavesEverythingUnset()
    {
        var config = ConfigText.Parse("version: 1\n");

        Assert.Equal(new EnergyGateConfig { File = ConfigText.FileName, BaseDirectory = ConfigText.BaseDirectory }, config);
    }

    [Fact]
    public void RelativePathsResolveAgainstTheFileFolder()
    {
        var config = ConfigText.Parse("version: 1\ncache-dir: cache\nresults-dir: ./out/../results\npython: venv/bin/python\n");

        Assert.Equal(ConfigText.InRepo("cache"), config.CacheDir);
        Assert.Equal(ConfigText.InRepo("results"), config.ResultsDir);
        Assert.Equal(ConfigText.InRepo("venv", "bin", "python"), config.Python);
    }

    [Fact]
    public void BarePythonNameIsACommandOnPathNotAFileNextToTheConfig()
    {
        Assert.Equal("python3.12", ConfigText.Parse("version: 1\npython: python3.12\n").Python);
    }

    [Fact]
    public void QuotedPathsAreAccepted()
    {
        Assert.Equal(ConfigText.InRepo("my cache"), ConfigText.Parse("version: 1\ncache-dir: 'my cache'\n").CacheDir);
    }

    [Fact]
    public void LoadReadsTheFileAndAnchorsPathsToItsFolder()
    {
        var folder = Directory.CreateTempSubdirectory("energygate-config-");
        try
        {
            var file = Path.Join(folder.FullName, "energygate.yml");
            File.WriteAllText(file, "version: 1\nresults-dir: out\n");

            var config = ConfigLoader.Load(file);

            Assert.Equal(Path.Join(folder.FullName, "out"), config.ResultsDir);
            Assert.Equal(folder.FullName, config.BaseDirectory);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void LoadOfAMissingFileNamesThePath()
    {
        var missing = Path.Join(Path.GetTempPath(), "no-such-folder-" + Guid.NewGuid().ToString("N"), "energygate.yml");

        var ex = Assert.Throws<ConfigurationException>(() => ConfigLoader.Load(missing));

        Assert.Contains("configuration file not found", ex.Message, StringComparison.Ordinal);
        Assert.Contains(missing, ex.Message, StringComparison.Ordinal);
        Assert.Equal(missing, Assert.Single(ex.Errors).File);
    }
}

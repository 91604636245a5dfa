using EnergyGate.Core.Configuration;
using EnergyGate.Core.Scoring;
using EnergyGate.Core.Suites;
using EnergyGate.Core.Waste.Babbling;

namespace EnergyGate.Core.Tests.Configuration;

public sealed class SettingsResolverTests
{
    private const string Home = "/home/ci";
    private static readonly Dictionary<string, string?> NoEnvironment = [];

    private static ResolvedSettings Resolve(EnergyGateConfig? file = null, Dictionary<string, string?>? env = null, CliOverrides? cli = null) =>
        SettingsResolver.Resolve(file, env ?? NoEnvironment, cli ?? CliOverrides.None, Home);

    private static EnergyGateConfig File(string yaml) => ConfigText.Parse("version: 1\n" + yaml);

    [Fact]
    public void WithoutFileEnvironmentOrOptionsEverythingIsDefault()
    {
        var settings = Resolve();

        Assert.Null(settings.Python);
        Assert.Equal("/home/ci/.cache/energygate", settings.CacheDir);
        Assert.Equal(".energygate/results", settings.ResultsDir);
        Assert.Equal([SuiteNames.Smoke, SuiteNames.SmokeLcc], settings.Suites.Select(s => s.Name));
        var suite = settings.Suites[0];
        Assert.Equal((SuiteNames.Smoke, (string?)null, 1), (suite.Name, suite.DataDir, suite.SamplesPerTask));
        Assert.Equal([1], suite.K);
        Assert.Equal(new SandboxOptions(), settings.Sandbox);
    }

    [Fact]
    public void DefaultResultsDirSitsNextToTheConfigFile() =>
        Assert.Equal(ConfigText.InRepo(".energygate", "results"), Resolve(File("")).ResultsDir);

    [Fact]
    public void DefaultCacheDirFollowsAnAbsoluteXdgCacheHome()
    {
        Assert.Equal("/xdg/energygate", Resolve(env: new() { ["XDG_CACHE_HOME"] = "/xdg" }).CacheDir);
        // The XDG spec says relative values are invalid and must be ignored.
        Assert.Equal("/home/ci/.cache/energygate", Resolve(env: new() { ["XDG_CACHE_HOME"] = "rel" }).CacheDir);
    }

    [Fact]
    public void FileValuesReplaceDefaults()
    {
        var settings = Resolve(File("""
            python: /opt/py/bin/python3
            sandbox:
              timeout: 0.5
              memory-mib: 1024
              cpu-seconds: 7
              file-size-mib: 2
              max-processes: 8
              workers: 3
              oracle-factor: 2.5
              oracle-min-seconds: 0.1
            suites:
              - name: humaneval
                data-dir: data
                k: [1, 5]
                samples-per-task: 5
            """));

        Assert.Equal("/opt/py/bin/python3", settings.Python);
        Assert.Equal(new SandboxOptions
        {
            Timeout = TimeSpan.FromMilliseconds(500), MemoryBytes = 1L << 30, CpuSeconds = 7,
            FileSizeBytes = 2L << 20, MaxProcesses = 8, Workers = 3,
            Oracle = new OracleTimeLimit(2.5, TimeSpan.FromMilliseconds(100)),
        }, settings.Sandbox);
        var suite = Assert.Single(settings.Suites);
        Assert.Equal((SuiteNames.HumanEval, ConfigText.InRepo("data"), 5), (suite.Name, suite.DataDir, suite.SamplesPerTask));
        Assert.Equal([1, 5], suite.K);
    }

    [Fact]
    public void CommandLineBeatsEnvironmentBeatsFileBeatsDefault()
    {
        var file = File("python: /file/python\ncache-dir: /file/cache\nresults-dir: /file/results\nsandbox:\n  timeout: 4\n  memory-mib: 100\n  workers: 5\n");
        Dictionary<string, string?> env = new()
        {
            ["ENERGYGATE_PYTHON"] = "/env/python", ["ENERGYGATE_CACHE_DIR"] = "/env/cache",
            ["ENERGYGATE_SANDBOX_TIMEOUT"] = "6", ["ENERGYGATE_WORKERS"] = "7",
        };
        var cli = new CliOverrides { Python = "/cli/python", TimeoutSeconds = 9 };

        var settings = Resolve(file, env, cli);

        Assert.Equal("/cli/python", settings.Python);                   // CLI over env and file
        Assert.Equal(TimeSpan.FromSeconds(9), settings.Sandbox.Timeout); // CLI over env and file
        Assert.Equal("/env/cache", settings.CacheDir);                  // env over file
        Assert.Equal(7, settings.Sandbox.Workers);                      // env over file
        Assert.Equal("/file/results", settings.ResultsDir);             // file over default
        Assert.Equal(100L << 20, settings.Sandbox.MemoryBytes);         // file over default
        Assert.Equal(10, settings.Sandbox.CpuSeconds);                  // default
        Assert.Equal(OracleTimeLimit.Default, settings.Sandbox.Oracle);  // default
    }

    [Fact]
    public void EachEnvironmentVariableOverridesTheFile()
    {
        var file = File("cache-dir: /f\nresults-dir: /f\nsandbox:\n  memory-mib: 1\n");
        Dictionary<string, string?> env = new()
        {
            ["ENERGYGATE_RESULTS_DIR"] = "/env/results", ["ENERGYGATE_SANDBOX_MEMORY_MIB"] = "2048",
        };

        var settings = Resolve(file, env, new CliOverrides { CacheDir = "/cli/cache", Workers = 1, MemoryMib = 512 });

        Assert.Equal("/env/results", settings.ResultsDir);
        Assert.Equal("/cli/cache", settings.CacheDir);
        Assert.Equal(512L << 20, settings.Sandbox.MemoryBytes);
        Assert.Equal(1, settings.Sandbox.Workers);
        Assert.Equal(2048L << 20, Resolve(file, env).Sandbox.MemoryBytes);
    }

    [Fact]
    public void EmptyEnvironmentVariableCountsAsUnset() =>
        Assert.Equal(3, Resolve(File("sandbox:\n  workers: 3\n"), new() { ["ENERGYGATE_WORKERS"] = " " }).Sandbox.Workers);

    [Fact]
    public void DataDirOptionAppliesToHumanEvalOnly()
    {
        var settings = Resolve(File("suites:\n  - name: humaneval\n    data-dir: d\n  - name: smoke\n"), cli: new CliOverrides { DataDir = "/cli/data" });

        Assert.Equal(["/cli/data", null], settings.Suites.Select(s => s.DataDir));
    }

    [Fact]
    public void TildeExpandsInEverySource()
    {
        var settings = Resolve(File("cache-dir: ~/c\nresults-dir: '~'\nsuites:\n  - name: humaneval\n"),
            new() { ["ENERGYGATE_PYTHON"] = "~/venv/bin/python" }, new CliOverrides { DataDir = "~/he" });

        Assert.Equal("/home/ci/c", settings.CacheDir);
        Assert.Equal("/home/ci", settings.ResultsDir);
        Assert.Equal("/home/ci/venv/bin/python", settings.Python);
        Assert.Equal("/home/ci/he", Assert.Single(settings.Suites).DataDir);
    }

    [Fact]
    public void MalformedEnvironmentVariablesAreErrorsNamingTheVariable()
    {
        Dictionary<string, string?> env = new()
        {
            ["ENERGYGATE_WORKERS"] = "many", ["ENERGYGATE_SANDBOX_TIMEOUT"] = "3s", ["ENERGYGATE_SANDBOX_MEMORY_MIB"] = "-5",
        };

        // The CLI timeout wins, yet the broken variable is still reported: it would break a run without the option.
        var ex = Assert.Throws<ConfigurationException>(() => Resolve(env: env, cli: new CliOverrides { TimeoutSeconds = 1 }));

        Assert.Equal(
            [
                "environment: ENERGYGATE_SANDBOX_TIMEOUT: expected a number of seconds greater than 0 and at most 86400, found \"3s\"",
                "environment: ENERGYGATE_SANDBOX_MEMORY_MIB: expected a positive integer, found \"-5\"",
                "environment: ENERGYGATE_WORKERS: expected a positive integer, found \"many\"",
            ],
            ex.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void InvalidCommandLineValuesAreErrorsNamingTheOption()
    {
        var ex = Assert.Throws<ConfigurationException>(() =>
            Resolve(cli: new CliOverrides { TimeoutSeconds = 0, Workers = -1, MemoryMib = 0, CacheDir = "" }));

        Assert.Equal(
            [
                "command line: --cache-dir: expected a path, found an empty value",
                "command line: --timeout: expected a number of seconds greater than 0 and at most 86400, found 0",
                "command line: --workers: expected a positive integer, found -1",
                "command line: --memory-mib: expected a positive integer, found 0",
            ],
            ex.Errors.Select(e => e.ToString()));
    }

    [Theory]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "Infinity")]   // what --timeout 1e400 parses to
    [InlineData(-1.0, "-1")]
    [InlineData(86_401.0, "86401")]
    public void A_timeout_that_is_not_a_finite_number_in_range_is_an_error_not_a_crash(double seconds, string shown)
    {
        // NaN and infinity used to reach TimeSpan.FromSeconds before the errors were reported.
        var ex = Assert.Throws<ConfigurationException>(() => Resolve(cli: new CliOverrides { TimeoutSeconds = seconds }));

        Assert.Equal(
            $"command line: --timeout: expected a number of seconds greater than 0 and at most 86400, found {shown}",
            Assert.Single(ex.Errors).ToString());
    }
}

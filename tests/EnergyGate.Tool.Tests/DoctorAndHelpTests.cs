namespace EnergyGate.Tool.Tests;

public sealed class DoctorAndHelpTests
{
    [Fact]
    public async Task Help_lists_every_verb()
    {
        var run = await ToolRunner.RunAsync("--help");
        Assert.Equal(0, run.ExitCode);
        foreach (var verb in new[] { "score", "datasets", "doctor" })
        {
            Assert.Contains(verb, run.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Doctor_reports_python_the_sandbox_isolation_and_the_cache()
    {
        var cache = Directory.CreateTempSubdirectory("energygate-doctor-").FullName;
        try
        {
            var run = await ToolRunner.RunAsync("doctor", "--cache-dir", cache);
            Assert.Equal(0, run.ExitCode);
            Assert.Matches(@"ok\s+\S*python3? \(3\.\d+\.\d+\)", run.Output);
            Assert.Contains("probe program ran and was recognised as passed", run.Output, StringComparison.Ordinal);
            Assert.Contains("network:", run.Output, StringComparison.Ordinal);
            Assert.Contains("absent  humaneval", run.Output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(cache, recursive: true);
        }
    }

    [Fact]
    public async Task Doctor_reports_a_missing_python_and_fails()
    {
        var run = await ToolRunner.RunAsync("doctor", "--python", "/nonexistent/python3");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("MISSING python not found at '/nonexistent/python3'", run.Output, StringComparison.Ordinal);
    }
}

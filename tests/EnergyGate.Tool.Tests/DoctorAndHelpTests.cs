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
            // The estimate's inputs are shown, whatever this machine's CPU (the numbers depend on it).
            Assert.Matches(@"ok\s+estimate: cpu \(Estimated\)\n\s+utilisation model: idle [\d.]+ W, loaded [\d.]+ W over \d+ logical CPUs \(", run.Output.ReplaceLineEndings("\n"));
            Assert.Matches(@"TorchSharp \(TorchSharp 0\.107\.0, libtorch 2\.10\.\d+[^,]*, cpu backend\):\n\s+ok\s+cpu\n\s+absent: cuda this build carries the CPU-only libtorch", run.Output.ReplaceLineEndings("\n"));
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

public sealed class ParseErrorTests
{
    [Theory]
    [InlineData("datasets", "pull")]
    [InlineData("score", "nosuchsuite", "--reference")]
    [InlineData("frobnicate")]
    public async Task Parse_errors_are_usage_errors_not_regressions(params string[] args)
    {
        var run = await ToolRunner.RunAsync(args);
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("energygate: error: ", run.Error, StringComparison.Ordinal);
    }
}

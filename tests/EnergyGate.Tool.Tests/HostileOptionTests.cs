namespace EnergyGate.Tool.Tests;

/// <summary>Option values a hostile tester tried: each is a usage error naming the option, never an internal error.</summary>
public sealed class HostileOptionTests
{
    [Theory]
    [InlineData("NaN", "NaN")]
    [InlineData("1e400", "Infinity")]
    [InlineData("-1", "-1")]
    public async Task A_timeout_out_of_range_is_a_usage_error_naming_the_option_and_range(string value, string shown)
    {
        var run = await ToolRunner.RunAsync("score", "humaneval", "--reference", "--data-dir", ToolRunner.HumanEvalDir, "--timeout", value);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(
            $"energygate: error: command line: --timeout: expected a number of seconds greater than 0 and at most 86400, found {shown}",
            run.Error.Trim());
    }

    [Fact]
    public async Task A_configuration_nested_fifty_thousand_deep_is_a_configuration_error_not_a_crash()
    {
        var dir = Directory.CreateTempSubdirectory("energygate-nesting-").FullName;
        try
        {
            var config = Path.Combine(dir, "energygate.yml");
            await File.WriteAllTextAsync(config, "version: 1\nsuites: " + new string('[', 50_000) + "\n");

            var run = await ToolRunner.RunAsync("run", "--config", config);

            Assert.Equal(2, run.ExitCode);
            Assert.Equal($"energygate: error: {config}:2:72: YAML nests sequences and mappings more than 64 levels deep here; energygate.yml's sections need only a few",
                run.Error.Trim());
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}

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
}

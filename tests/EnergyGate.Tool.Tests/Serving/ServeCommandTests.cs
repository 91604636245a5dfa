namespace EnergyGate.Tool.Tests.Serving;

/// <summary>`serve`'s own options are checked before any model is loaded, each with a clear message.</summary>
public sealed class ServeCommandTests
{
    [Theory]
    [InlineData("--host", "example.org", "--host 'example.org' is not an IP address")]
    [InlineData("--port", "70000", "--port is 70000: it must be from 0 to 65535.")]
    [InlineData("--max-batch", "0", "--max-batch is 0: it must be from 1 to 4096.")]
    [InlineData("--drain-seconds", "-1", "--drain-seconds is -1: it must be from 0 to 3600.")]
    [InlineData("--max-new-tokens-limit", "0", "--max-new-tokens-limit is 0: it must be from 1 to")]
    [InlineData("--model-name", " ", "--model-name is empty")]
    public async Task A_bad_option_is_a_usage_error_naming_it(string option, string value, string message)
    {
        var run = await ToolRunner.RunAsync("serve", option, value);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Output);
    }
}

using EnergyGate.Core;

namespace EnergyGate.Tool.Tests;

public sealed class ExitCodesTests
{
    [Fact]
    public void Exit_code_numbers_are_the_documented_contract()
    {
        Assert.Equal(0, (int)ExitCode.Ok);
        Assert.Equal(1, (int)ExitCode.Regression);
        Assert.Equal(2, (int)ExitCode.UsageOrToolError);
        Assert.Equal(3, (int)ExitCode.Inconclusive);
    }

    [Fact]
    public void User_errors_print_their_message_only()
    {
        var (code, message) = ExitCodes.ForException(new EnergyGateException("samples.jsonl:3: missing field `completion`"));
        Assert.Equal(ExitCode.UsageOrToolError, code);
        Assert.Equal("energygate: error: samples.jsonl:3: missing field `completion`", message);
    }

    [Fact]
    public void Bugs_are_labelled_internal_and_point_at_verbose()
    {
        var (code, message) = ExitCodes.ForException(new InvalidOperationException("boom"));
        Assert.Equal(ExitCode.UsageOrToolError, code);
        Assert.StartsWith("energygate: internal error: InvalidOperationException: boom", message, StringComparison.Ordinal);
        Assert.Contains("--verbose", message, StringComparison.Ordinal);
    }
}

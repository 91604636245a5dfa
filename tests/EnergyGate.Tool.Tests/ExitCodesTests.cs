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
        Assert.Equal(130, (int)ExitCode.Interrupted);
    }

    [Fact]
    public void A_cancellation_is_a_clean_stop_only_when_the_user_interrupted()
    {
        Assert.Equal((ExitCode.Interrupted, "energygate: stopped"), ExitCodes.ForException(new OperationCanceledException(), interrupted: true));
        Assert.Equal((ExitCode.Interrupted, "energygate: stopped; resume with --resume --results /r/run.jsonl"),
            ExitCodes.ForException(new RunStoppedException("/r/run.jsonl", started: true, new OperationCanceledException()), interrupted: true));
        // A library's timeout surfacing as a cancellation is an error, not the user's Ctrl-C.
        Assert.Equal((ExitCode.UsageOrToolError, "energygate: cancelled"), ExitCodes.ForException(new TaskCanceledException()));
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

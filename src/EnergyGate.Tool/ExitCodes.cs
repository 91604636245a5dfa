using EnergyGate.Core;

namespace EnergyGate.Tool;

/// <summary>Maps what ended a verb to the process exit code and the line shown on stderr, in one tested place.</summary>
internal static class ExitCodes
{
    /// <param name="exception">What ended the verb.</param>
    /// <param name="interrupted">True when the user stopped the tool (Ctrl-C); a cancellation then is the expected way out.</param>
    public static (ExitCode Code, string Message) ForException(Exception exception, bool interrupted = false) => exception switch
    {
        RunStoppedException stopped when interrupted => (ExitCode.Interrupted, $"energygate: {stopped.Message}"),
        OperationCanceledException when interrupted => (ExitCode.Interrupted, "energygate: stopped"),
        // Not the user's Ctrl-C: a timeout inside a library (e.g. a download) that surfaced as a cancellation.
        OperationCanceledException => (ExitCode.UsageOrToolError, "energygate: cancelled"),
        EnergyGateException or IOException or UnauthorizedAccessException =>
            (ExitCode.UsageOrToolError, $"energygate: error: {exception.Message}"),
        // Anything else is a bug in EnergyGate: say so plainly; the trace is one --verbose away.
        _ => (ExitCode.UsageOrToolError,
            $"energygate: internal error: {exception.GetType().Name}: {exception.Message} (run with --verbose for the stack trace, and please report it)"),
    };
}

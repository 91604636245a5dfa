using EnergyGate.Core;

namespace EnergyGate.Tool;

/// <summary>Maps what ended a verb to the process exit code and the line shown on stderr, in one tested place.</summary>
internal static class ExitCodes
{
    public static (ExitCode Code, string Message) ForException(Exception exception) => exception switch
    {
        OperationCanceledException => (ExitCode.UsageOrToolError, "energygate: cancelled"),
        EnergyGateException or IOException or UnauthorizedAccessException =>
            (ExitCode.UsageOrToolError, $"energygate: error: {exception.Message}"),
        // Anything else is a bug in EnergyGate: say so plainly; the trace is one --verbose away.
        _ => (ExitCode.UsageOrToolError,
            $"energygate: internal error: {exception.GetType().Name}: {exception.Message} (run with --verbose for the stack trace, and please report it)"),
    };
}

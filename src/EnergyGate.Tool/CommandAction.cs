using System.CommandLine;
using EnergyGate.Core;

namespace EnergyGate.Tool;

/// <summary>
/// Runs a verb's body with the tool's error policy: user errors print their message to stderr and
/// exit 2; a stack trace appears only with --verbose.
/// </summary>
internal static class CommandAction
{
    public static readonly Option<bool> Verbose = new("--verbose", "-v")
    {
        Description = "Show stack traces and extra diagnostics.",
        Recursive = true,
    };

    public static void Set(Command command, Func<ParseResult, CancellationToken, Task<ExitCode>> body) =>
        command.SetAction(async (parse, ct) =>
        {
            try
            {
                return (int)await body(parse, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync("energygate: cancelled");
                return (int)ExitCode.UsageOrToolError;
            }
            catch (Exception ex) when (ex is EnergyGateException or IOException or UnauthorizedAccessException)
            {
                var error = parse.InvocationConfiguration.Error;
                await error.WriteLineAsync($"energygate: error: {ex.Message}");
                if (parse.GetValue(Verbose))
                {
                    await error.WriteLineAsync(ex.ToString());
                }
                return (int)ExitCode.UsageOrToolError;
            }
        });
}

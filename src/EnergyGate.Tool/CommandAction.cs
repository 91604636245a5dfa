using System.CommandLine;

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
            catch (Exception ex)
            {
                var (code, message) = ExitCodes.ForException(ex);
                var error = parse.InvocationConfiguration.Error;
                await error.WriteLineAsync(message);
                if (parse.GetValue(Verbose))
                {
                    await error.WriteLineAsync(ex.ToString());
                }
                return (int)code;
            }
        });
}

using System.CommandLine;
using EnergyGate.Tool.Diagnostics;

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

    /// <summary>Read before parsing (ToolApp starts listening at once); declared so every verb accepts it and --help lists it.</summary>
    public static readonly Option<bool> Timings = new("--timings")
    {
        Description = "Print where the wall time went (startup, settings, model, sessions, warm-up, measurement, scoring, reports) to stderr at the end.",
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
                var (code, message) = ExitCodes.ForException(ex, ct.IsCancellationRequested);
                var error = parse.InvocationConfiguration.Error;
                foreach (var line in new DiagnosticLines(parse.GetValue(DiagnosticsOption.Format), Core.Configuration.ConfigPositions.None).Error(ex, message))
                {
                    await error.WriteLineAsync(line);
                }
                if (parse.GetValue(Verbose))
                {
                    await error.WriteLineAsync(ex.ToString());
                }
                return (int)code;
            }
        });
}

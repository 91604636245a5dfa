using System.CommandLine;
using EnergyGate.Tool.Diagnostics;

namespace EnergyGate.Tool;

/// <summary>Builds the command tree; Program.cs and the tests both run the tool through it.</summary>
internal static class ToolApp
{
    public static RootCommand BuildRoot()
    {
        var root = new RootCommand("EnergyGate: measure, score and gate the energy and accuracy of code LLMs in CI.")
        {
            CommandAction.Verbose,
            CommandAction.Timings,
            DiagnosticsOption.Format,
        };
        foreach (var command in Verbs.All())
        {
            root.Subcommands.Add(command);
        }
        return root;
    }

    /// <param name="args">The command line.</param>
    /// <param name="output">Standard output (tests capture it).</param>
    /// <param name="error">Standard error.</param>
    /// <param name="ct">Cancelled by the first Ctrl-C (<see cref="Interruption"/>); verbs stop cleanly on it.</param>
    public static async Task<int> RunAsync(string[] args, TextWriter? output = null, TextWriter? error = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        // Listening starts before parsing so that the table covers the whole command.
        using var timings = args.Contains(CommandAction.Timings.Name) ? new PhaseTimings(SinceProcessStart()) : null;
        var code = await InvokeAsync(args, output, error, ct);
        if (timings is not null)
        {
            foreach (var line in TimingsTable.Lines(timings))
            {
                await (error ?? Console.Error).WriteLineAsync(line);
            }
        }
        return code;
    }

    private static TimeSpan SinceProcessStart()
    {
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        return DateTime.Now - process.StartTime;
    }

    private static Task<int> InvokeAsync(string[] args, TextWriter? output, TextWriter? error, CancellationToken ct)
    {
        // Program.cs's Interruption handles Ctrl-C for the whole process (see why there).
        var configuration = new InvocationConfiguration { ProcessTerminationTimeout = null };
        if (output is not null)
        {
            configuration.Output = output;
        }
        if (error is not null)
        {
            configuration.Error = error;
        }
        var parsing = Core.Diagnostics.RunPhases.Start(Core.Diagnostics.RunPhases.CommandLine);
        var parse = BuildRoot().Parse(args);
        parsing?.Dispose();
        if (parse.Errors.Count > 0)
        {
            // System.CommandLine exits 1 on a parse error, which is our "regression" code.
            var lines = new DiagnosticLines(DiagnosticsFormatOf(args), Core.Configuration.ConfigPositions.None);
            foreach (var parseError in parse.Errors)
            {
                configuration.Error.WriteLine(lines.UsageError($"energygate: error: {parseError.Message}"));
            }
            configuration.Error.WriteLine("Run with --help to see the usage.");
            return Task.FromResult((int)ExitCode.UsageOrToolError);
        }
        return parse.InvokeAsync(configuration, ct);
    }

    /// <summary>The --diagnostics format even when the command line has other errors (so the MSBuild task still gets its form).</summary>
    private static DiagnosticsFormat DiagnosticsFormatOf(string[] args)
    {
        var at = Array.IndexOf(args, DiagnosticsOption.Format.Name);
        return at >= 0 && at + 1 < args.Length && Enum.TryParse<DiagnosticsFormat>(args[at + 1], ignoreCase: true, out var format)
            ? format
            : DiagnosticsFormat.Text;
    }
}

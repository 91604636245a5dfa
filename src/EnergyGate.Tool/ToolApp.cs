using System.CommandLine;

namespace EnergyGate.Tool;

/// <summary>Builds the command tree; Program.cs and the tests both run the tool through it.</summary>
internal static class ToolApp
{
    public static RootCommand BuildRoot()
    {
        var root = new RootCommand("EnergyGate: measure, score and gate the energy and accuracy of code LLMs in CI.")
        {
            CommandAction.Verbose,
        };
        foreach (var command in Verbs.All())
        {
            root.Subcommands.Add(command);
        }
        return root;
    }

    public static Task<int> RunAsync(string[] args, TextWriter? output = null, TextWriter? error = null)
    {
        var configuration = new InvocationConfiguration();
        if (output is not null)
        {
            configuration.Output = output;
        }
        if (error is not null)
        {
            configuration.Error = error;
        }
        var parse = BuildRoot().Parse(args);
        if (parse.Errors.Count > 0)
        {
            // System.CommandLine exits 1 on a parse error, which is our "regression" code.
            foreach (var parseError in parse.Errors)
            {
                configuration.Error.WriteLine($"energygate: error: {parseError.Message}");
            }
            configuration.Error.WriteLine("Run with --help to see the usage.");
            return Task.FromResult((int)ExitCode.UsageOrToolError);
        }
        return parse.InvokeAsync(configuration);
    }
}

using System.CommandLine;
using EnergyGate.Tool;

var root = new RootCommand("EnergyGate: measure, score and gate the energy and accuracy of code LLMs in CI.")
{
    CommandAction.Verbose,
};
foreach (var command in Verbs.All())
{
    root.Subcommands.Add(command);
}
return await root.Parse(args).InvokeAsync();

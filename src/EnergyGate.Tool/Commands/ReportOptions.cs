using System.CommandLine;

namespace EnergyGate.Tool.Commands;

/// <summary>Where check, compare and report write their reports.</summary>
internal sealed class ReportOptions
{
    public Option<string?> Markdown { get; } = new("--report") { Description = "Markdown report path (default: report.md in the results folder)." };

    public Option<string?> Html { get; } = new("--html") { Description = "Also write an HTML report with charts here." };

    public Option<string?> Json { get; } = new("--json") { Description = "Also write a JSON report for machines here." };

    public void AddTo(Command command)
    {
        command.Options.Add(Markdown);
        command.Options.Add(Html);
        command.Options.Add(Json);
    }

    public string MarkdownPath(ParseResult parse, string resultsDir) => parse.GetValue(Markdown) ?? Path.Combine(resultsDir, "report.md");
}

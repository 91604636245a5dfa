using System.CommandLine;

namespace EnergyGate.Tool.Commands;

/// <summary>Where check, compare and report write their reports.</summary>
internal sealed class ReportOptions
{
    public Option<string?> Markdown { get; } = new("--report") { Description = "Markdown report path (default: report.md in the results folder)." };

    public Option<string?> Html { get; } = new("--html") { Description = "Also write an HTML report with charts here." };

    public Option<string?> Json { get; } = new("--json") { Description = "Also write a JSON report for machines here." };

    public Option<string?> ExportBenchmark { get; } = new("--export-benchmark") { Description = "Also write github-action-benchmark JSON here (customSmallerIsBetter; higher-is-better figures go to NAME.bigger.json for customBiggerIsBetter)." };

    public Option<string?> ExportBencher { get; } = new("--export-bencher") { Description = "Also write Bencher Metric Format JSON here (bencher run --adapter json --file FILE)." };

    public Option<bool> NoStepSummary { get; } = new("--no-step-summary") { Description = "Do not append the Markdown report to $GITHUB_STEP_SUMMARY (appended by default when it is set)." };

    public void AddTo(Command command)
    {
        command.Options.Add(Markdown);
        command.Options.Add(Html);
        command.Options.Add(Json);
        command.Options.Add(ExportBenchmark);
        command.Options.Add(ExportBencher);
        command.Options.Add(NoStepSummary);
    }

    public string MarkdownPath(ParseResult parse, string resultsDir) => parse.GetValue(Markdown) ?? Path.Combine(resultsDir, "report.md");
}

using System.CommandLine;
using EnergyGate.Core.History;
using EnergyGate.Core.Reporting;

namespace EnergyGate.Tool.Commands;

/// <summary>Where check, compare and report write their reports, and the run history they draw trends from.</summary>
internal sealed class ReportOptions
{
    public Option<string?> Markdown { get; } = new("--report") { Description = "Markdown report path (default: report.md in the results folder)." };

    public Option<string?> Html { get; } = new("--html") { Description = "Also write an HTML report with charts here." };

    public Option<string?> Json { get; } = new("--json") { Description = "Also write a JSON report for machines here." };

    public Option<string?> ExportBenchmark { get; } = new("--export-benchmark") { Description = "Also write github-action-benchmark JSON here (customSmallerIsBetter; higher-is-better figures go to NAME.bigger.json for customBiggerIsBetter)." };

    public Option<string?> ExportBencher { get; } = new("--export-bencher") { Description = "Also write Bencher Metric Format JSON here (bencher run --adapter json --file FILE)." };

    public Option<bool> NoStepSummary { get; } = new("--no-step-summary") { Description = "Do not append the Markdown report to $GITHUB_STEP_SUMMARY (appended by default when it is set)." };

    public Option<string?> History { get; } = new("--history")
    {
        Description = "Run history folder (`history append`): draw this machine class's trends in the reports; a missing or empty folder draws none.",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Markdown);
        command.Options.Add(Html);
        command.Options.Add(Json);
        command.Options.Add(ExportBenchmark);
        command.Options.Add(ExportBencher);
        command.Options.Add(NoStepSummary);
        command.Options.Add(History);
    }

    /// <summary>The model with the trend of its machine class from --history, when given.</summary>
    public ReportModel WithTrend(ParseResult parse, ReportModel model) =>
        parse.GetValue(History) is { } folder ? model with { Trend = RunTrend.Load(new HistoryStore(folder), model.Result) } : model;

    public string MarkdownPath(ParseResult parse, string resultsDir) => parse.GetValue(Markdown) ?? Path.Combine(resultsDir, "report.md");
}

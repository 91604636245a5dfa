using EnergyGate.Core.Gating;
using EnergyGate.Core.Reporting;
using EnergyGate.Core.Tests.Gating;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Syntax;

namespace EnergyGate.Core.Tests.Reporting;

public sealed class MarkdownReportTests
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePipeTables().Build();

    [Fact]
    public void First_line_is_the_verdict()
    {
        var markdown = MarkdownReport.Render(ReportFixture.Result());
        Assert.StartsWith("Energy regression in 1 of 5 cells; accuracy drop in 1 of 5 cells\n\n", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_table_is_well_formed()
    {
        var tables = Tables(MarkdownReport.Render(ReportFixture.Result()));
        Assert.True(tables.Count >= 2, $"found {tables.Count} tables");
        foreach (var table in tables)
        {
            var header = Assert.IsType<TableRow>(table[0]);
            Assert.True(header.IsHeader, "first row is a header (separator line present)");
            Assert.All(table.OfType<TableRow>(), row => Assert.Equal(table.ColumnDefinitions.Count, row.Count));
        }
    }

    [Fact]
    public void The_summary_table_holds_only_flagged_rows()
    {
        var summary = Tables(MarkdownReport.Render(ReportFixture.Result()))[0];
        // 4 gated metrics regressed + 4 inconclusive (noisy cell) + accuracy drop + incomparable + no baseline, plus the header.
        Assert.Equal(12, summary.Count);
        var text = MarkdownReport.Render(ReportFixture.Result()).Split("<details>")[0];
        Assert.DoesNotContain("Indistinguishable", text, StringComparison.Ordinal);
        Assert.DoesNotContain("generated_tokens", text, StringComparison.Ordinal);
        Assert.DoesNotContain("onnx/cpu | joules_per_problem", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Energy_numbers_carry_their_kind()
    {
        var markdown = MarkdownReport.Render(ReportFixture.Result());
        Assert.Contains(" J (Measured) |", markdown, StringComparison.Ordinal);
        Assert.Contains("prefill 3.", markdown, StringComparison.Ordinal);
        Assert.Contains(" J (Attributed) + decode ", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void A_huge_report_is_truncated_under_the_comment_limit_with_a_note()
    {
        var result = ReportFixture.Result(extraRegressedCells: 400);
        var markdown = MarkdownReport.Render(result);
        Assert.True(markdown.Length <= MarkdownReport.GitHubCommentLimit, $"{markdown.Length} characters");
        Assert.Contains("cells omitted to stay under GitHub's 65,536-character comment limit", markdown, StringComparison.Ordinal);
        Assert.StartsWith("Energy regression in 401 of 405 cells", markdown, StringComparison.Ordinal);
        Assert.Contains("<summary>Environment</summary>", markdown, StringComparison.Ordinal);
        Assert.All(Tables(markdown), t => Assert.All(t.OfType<TableRow>(), row => Assert.Equal(t.ColumnDefinitions.Count, row.Count)));
    }

    [Fact]
    public void A_clean_run_says_no_significant_change_and_has_no_summary_table()
    {
        var result = Gate.Evaluate(GateFixtures.Baseline(GateFixtures.Record(1, 120, 0.03)), GateFixtures.Candidate(GateFixtures.Record(2, 120, 0.03)), GatePolicy.Default, GateFixtures.Today);
        var markdown = MarkdownReport.Render(result);
        // The footprint table (display only) comes before the details; the flagged-rows table is absent.
        Assert.StartsWith("No significant change\n\nNothing changed between baseline and this run but the code under test.\n\n### Footprint\n", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("| Cell | Metric |", markdown, StringComparison.Ordinal);
    }

    private static List<Table> Tables(string markdown) => [.. Markdown.Parse(markdown, Pipeline).Descendants<Table>()];
}

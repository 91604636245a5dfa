using System.Text.Json;
using EnergyGate.Core.Reporting;

namespace EnergyGate.Core.Tests.Reporting;

public sealed class JsonAndHtmlReportTests
{
    [Fact]
    public void Json_report_has_the_verdict_exit_code_and_every_cell()
    {
        using var doc = JsonDocument.Parse(JsonReport.Render(ReportFixture.Result()));
        var root = doc.RootElement;
        Assert.Equal("regression", root.GetProperty("verdict").GetString());
        Assert.Equal(1, root.GetProperty("exit_code").GetInt32());
        Assert.Equal(5, root.GetProperty("cells").GetArrayLength());
        var metric = root.GetProperty("cells").EnumerateArray().SelectMany(c => c.GetProperty("metrics").EnumerateArray()).First();
        Assert.True(metric.GetProperty("ratio_lower").GetDouble() > 0);
        Assert.Contains(root.GetProperty("findings").EnumerateArray(), f => f.GetProperty("id").GetString() == "EG1001");
    }

    [Fact]
    public void Html_report_has_the_tables_and_an_svg_chart_per_compared_cell()
    {
        var html = HtmlReport.Render(ReportFixture.Result());
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("<table>", html, StringComparison.Ordinal);
        Assert.Contains("aria-label=\"prefill and decode joules\"", html, StringComparison.Ordinal);
        Assert.Contains("aria-label=\"changes with 95% intervals\"", html, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"(x|y|width|cx)=""\d+,\d", html);
    }
}

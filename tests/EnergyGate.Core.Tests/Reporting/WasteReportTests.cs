using System.Text.Json;
using EnergyGate.Core.Measurement;
using EnergyGate.Core.Reporting;

namespace EnergyGate.Core.Tests.Reporting;

/// <summary>
/// The waste sections in all three reports, from hand-written records: a suppression study (off and
/// syntax, paired by task) whose unsuppressed samples sweep prompt lengths 100/400/1600 with decode
/// J/token rising by hand-picked steps. Nothing here is measured.
/// </summary>
public sealed class WasteReportTests
{
    internal static WasteFindings Waste()
    {
        var records = new List<JournalRecord>();
        int[] lengths = [100, 400, 1600];
        for (var i = 0; i < 9; i++)
        {
            var task = $"Smoke/{i}";
            var perToken = 0.1 + 0.02 * (i / 3) + 0.001 * (i % 3);
            records.Add(Sample("smoke+none", task, lengths[i / 3], 40, perToken));
            records.Add(Sample("smoke+syntax", task, lengths[i / 3], 25, perToken) with { SuppressionChecks = 2, SuppressionCheckSeconds = 0.002 });
            records.Add(new ScoreRecord("smoke+none/tiny/onnx/cpu", 0, task, 0, i % 2 == 0, "scored"));
            records.Add(new ScoreRecord("smoke+syntax/tiny/onnx/cpu", 0, task, 0, i % 2 == 0, "scored"));
        }
        return WasteFindings.From(records);
    }

    private static SampleRecord Sample(string suite, string task, int prompt, int generated, double joulesPerToken) =>
        Tests.Measurement.ResultsJournalTests.Sample(task, prefill: 0.5, decode: joulesPerToken * generated) with
        {
            Cell = $"{suite}/tiny/onnx/cpu", PromptTokens = prompt, GeneratedTokens = generated,
        };

    private static ReportModel Model() => new(ReportFixture.Result(), FootprintSettings.Default, Waste());

    [Fact]
    public void Without_a_budget_the_waste_sections_follow_the_report_as_they_always_did()
    {
        var result = ReportFixture.Result();
        var plain = MarkdownReport.Render(result, int.MaxValue);
        Assert.Equal(plain, MarkdownReport.Render(ReportModel.For(result), int.MaxValue));
        var full = MarkdownReport.Render(Model(), int.MaxValue);
        Assert.StartsWith(plain, full, StringComparison.Ordinal);
        Assert.Contains("\n## Babbling suppression study\n\n", full[plain.Length..], StringComparison.Ordinal);
        Assert.Contains("\n## Prefill amplification\n\n- smoke+none/tiny/onnx/cpu: Prefill amplification: decode J/token", full[plain.Length..], StringComparison.Ordinal);
    }

    [Fact]
    public void A_small_budget_drops_cell_details_before_the_waste_sections_and_stays_within_it()
    {
        var model = Model();
        var limit = MarkdownReport.Render(model, int.MaxValue).Length - 200;
        var markdown = MarkdownReport.Render(model, limit);
        Assert.True(markdown.Length <= limit, $"{markdown.Length} > {limit}");
        Assert.Contains("## Babbling suppression study", markdown, StringComparison.Ordinal);
        Assert.Contains("## Prefill amplification", markdown, StringComparison.Ordinal);
        Assert.Contains("cells omitted to stay under", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Waste_sections_that_do_not_fit_are_left_out_with_a_note_and_the_report_stays_within_its_budget()
    {
        var model = Model();
        var withoutWaste = MarkdownReport.Render(model with { Waste = WasteFindings.None }, 1);
        var limit = withoutWaste.Length + 300;
        var markdown = MarkdownReport.Render(model, limit);
        Assert.True(markdown.Length <= limit, $"{markdown.Length} > {limit}");
        Assert.DoesNotContain("## Babbling suppression study", markdown, StringComparison.Ordinal);
        Assert.Contains("> The babbling suppression study and the prefill amplification section were omitted to stay under GitHub's 65,536-character comment limit; see the JSON or HTML report.",
            markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_report_has_the_waste_object_and_keeps_its_other_fields()
    {
        using var plain = JsonDocument.Parse(JsonReport.Render(ReportFixture.Result()));
        using var doc = JsonDocument.Parse(JsonReport.Render(Model()));
        var root = doc.RootElement;
        Assert.Equal(plain.RootElement.EnumerateObject().Select(p => p.Name), root.EnumerateObject().Select(p => p.Name));
        var row = Assert.Single(root.GetProperty("waste").GetProperty("suppression_study").EnumerateArray());
        Assert.Equal(("smoke/tiny/onnx/cpu", "syntax"), (row.GetProperty("cell").GetString(), row.GetProperty("strategy").GetString()));
        Assert.Equal(9 * 15, row.GetProperty("tokens_saved").GetInt64());
        var cells = root.GetProperty("waste").GetProperty("amplification").EnumerateArray().ToDictionary(c => c.GetProperty("cell").GetString()!);
        var swept = cells["smoke+none/tiny/onnx/cpu"];
        Assert.True(swept.GetProperty("ratio").GetDouble() > 1);
        // Three samples a bucket are too few for a bounded interval; the fields are there all the same.
        Assert.True(swept.TryGetProperty("ratio_lower", out _) && swept.TryGetProperty("ratio_upper", out _));
        Assert.True(swept.GetProperty("slope_joules_per_token_per_prompt_token").GetDouble() > 0);
        Assert.Equal(JsonValueKind.Null, swept.GetProperty("not_enough_spread").ValueKind);
    }

    [Fact]
    public void Json_report_without_waste_findings_has_an_empty_waste_object()
    {
        using var doc = JsonDocument.Parse(JsonReport.Render(ReportFixture.Result()));
        var waste = doc.RootElement.GetProperty("waste");
        Assert.Equal(0, waste.GetProperty("suppression_study").GetArrayLength());
        Assert.Equal(0, waste.GetProperty("amplification").GetArrayLength());
    }

    [Fact]
    public void Html_report_has_the_study_and_the_amplification_chart_after_the_cell_charts()
    {
        var html = HtmlReport.Render(Model());
        var charts = html.IndexOf("<h2>Charts</h2>", StringComparison.Ordinal);
        var study = html.IndexOf("Babbling suppression study</h2>", StringComparison.Ordinal);
        var heading = html.IndexOf("<h3>Prefill amplification: smoke+none/tiny/onnx/cpu</h3>", StringComparison.Ordinal);
        var chart = html.IndexOf("aria-label=\"decode joules per token by prompt length\"", heading, StringComparison.Ordinal);
        Assert.True(charts > 0 && study > charts && heading > study && chart > heading, $"{charts} {study} {heading} {chart}");
        Assert.Equal(html.Length - "</body>\n</html>\n".Length, html.IndexOf("</body>", StringComparison.Ordinal));
        Assert.Equal(ReportSnapshotTests.InCulture("", () => html), ReportSnapshotTests.InCulture("de-DE", () => HtmlReport.Render(Model())));
    }
}

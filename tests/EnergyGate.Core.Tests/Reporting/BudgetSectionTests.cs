using System.Text.Json;
using EnergyGate.Core.Baselines;
using EnergyGate.Core.Gating;
using EnergyGate.Core.Reporting;
using static EnergyGate.Core.Tests.Gating.GateFixtures;

namespace EnergyGate.Core.Tests.Reporting;

/// <summary>The "Budgets" table in Markdown (and so HTML) and the <c>budgets</c> array in JSON, on a synthetic run.</summary>
public sealed class BudgetSectionTests
{
    private static readonly CellKey Cpu = new("humaneval", "tiny-coder", "onnx", "cpu");

    /// <summary>Two cells with fixed figures: decode J/token 0.005 (cpu) and 0.003 (cuda), pass@1 0.3 and none.</summary>
    private static GateResult Result(params Budget[] budgets)
    {
        static CellRecord Cell(CellKey key, double perToken, IReadOnlyDictionary<string, IReadOnlyList<bool>> outcomes) =>
            new(key, UnderTest.Empty, new CellMeasurements(
                new Dictionary<string, IReadOnlyList<double>> { [MetricIds.DecodeJoulesPerToken] = [perToken, perToken, perToken] },
                outcomes, new Dictionary<string, double>(), new Dictionary<string, MeterKind>()));
        var candidate = Candidate(Machine(meter: MeterKind.Estimated), Cell(Cpu, 0.005, Outcomes(10, 3)), Cell(Gating.GateFixtures.Cell, 0.003, new Dictionary<string, IReadOnlyList<bool>>()));
        return Gate.Evaluate(BaselineSet.Empty, candidate, GatePolicy.Default with { Budgets = budgets }, Today);
    }

    private static readonly Budget[] TwoBudgets =
    [
        new("humaneval/*/onnx/*", [new BudgetLimit(MetricIds.DecodeJoulesPerToken, BudgetBound.AtMost, 0.004), new BudgetLimit(BudgetMetrics.PassAt1, BudgetBound.AtLeast, 0.25)]),
        new("lcc/*/*/*", [new BudgetLimit(BudgetMetrics.CodeSim, BudgetBound.AtLeast, 40)]),
    ];

    [Theory]
    [InlineData("")]
    [InlineData("de-DE")]
    public void The_table_lists_every_limit_for_every_matched_cell(string culture)
    {
        var text = ReportSnapshotTests.InCulture(culture, () => BudgetSection.Markdown(Result(TwoBudgets)));

        Assert.Equal("""
            ### Budgets

            | Budget | Cell | Limit | Current (median) | Status |
            |---|---|---|---:|---|
            | #1 `humaneval/*/onnx/*` | humaneval/tiny-coder/onnx/cpu | decode_joules_per_token <= 0.004 J/token | 0.005 J/token (Estimated) | Breached (EG1015) |
            | #1 `humaneval/*/onnx/*` | humaneval/tiny-coder/onnx/cuda | decode_joules_per_token <= 0.004 J/token | 0.003 J/token (Estimated) | Within |
            | #1 `humaneval/*/onnx/*` | humaneval/tiny-coder/onnx/cpu | pass@1 >= 0.25 | 0.3 | Within |
            | #1 `humaneval/*/onnx/*` | humaneval/tiny-coder/onnx/cuda | pass@1 >= 0.25 | - | Not measured (EG1010) |
            | #2 `lcc/*/*/*` | - | code_sim >= 40 | - | No cell of this run matches |


            """.ReplaceLineEndings("\n"), text);
    }

    [Fact]
    public void The_report_shows_the_table_and_the_breach_among_the_flagged_rows()
    {
        var result = Result(TwoBudgets);

        var markdown = MarkdownReport.Render(result);
        Assert.StartsWith("Budget breached in 1 of 2 cells\n", markdown, StringComparison.Ordinal);
        Assert.Contains("| humaneval/tiny-coder/onnx/cpu | decode_joules_per_token | - | 0.005 J/token (Estimated) | budget <= 0.004 J/token | Budget breached (EG1015) |", markdown, StringComparison.Ordinal);
        Assert.Contains("### Budgets", markdown, StringComparison.Ordinal);
        Assert.Contains("<h3>Budgets</h3>", HtmlReport.Render(result), StringComparison.Ordinal);
        Assert.DoesNotContain("### Budgets", MarkdownReport.Render(Result()), StringComparison.Ordinal);
    }

    [Fact]
    public void Json_has_one_object_per_row()
    {
        using var doc = JsonDocument.Parse(JsonReport.Render(Result(TwoBudgets)));
        var rows = doc.RootElement.GetProperty("budgets").EnumerateArray().ToList();

        Assert.Equal(5, rows.Count);
        var first = rows[0];
        Assert.Equal(0, first.GetProperty("budget").GetInt32());
        Assert.Equal("humaneval/*/onnx/*", first.GetProperty("cell_pattern").GetString());
        Assert.Equal(Cpu.ToString(), first.GetProperty("cell").GetString());
        Assert.Equal("decode_joules_per_token", first.GetProperty("metric").GetString());
        Assert.Equal("at_most", first.GetProperty("bound").GetString());
        Assert.Equal(0.004, first.GetProperty("limit").GetDouble());
        Assert.Equal("J/token", first.GetProperty("unit").GetString());
        Assert.Equal(0.005, first.GetProperty("measured").GetDouble());
        Assert.Equal("breached", first.GetProperty("status").GetString());
        Assert.Equal(["breached", "within", "within", "not_measured", "no_matching_cell"], rows.Select(r => r.GetProperty("status").GetString()));
        Assert.Equal(JsonValueKind.Null, rows[4].GetProperty("cell").ValueKind);
        Assert.Empty(JsonDocument.Parse(JsonReport.Render(Result())).RootElement.GetProperty("budgets").EnumerateArray());
    }

    [Fact]
    public void A_table_too_long_for_the_comment_keeps_what_was_not_within_then_only_counts()
    {
        var result = Result(TwoBudgets);
        var full = BudgetSection.Markdown(result);

        var flagged = BudgetSection.Markdown(result, full.Length - 1);
        Assert.DoesNotContain("| Within |", flagged, StringComparison.Ordinal);
        Assert.Contains("| Breached (EG1015) |", flagged, StringComparison.Ordinal);
        Assert.Contains("> 2 limits within budget not listed", flagged, StringComparison.Ordinal);

        Assert.Equal("### Budgets\n\n2 within, 1 breached, 1 not measured, 1 matching no cell (table omitted to stay under GitHub's comment limit; see the JSON report)\n\n",
            BudgetSection.Markdown(result, 100));
    }
}

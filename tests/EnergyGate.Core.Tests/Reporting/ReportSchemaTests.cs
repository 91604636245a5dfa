using System.Text.Json;
using System.Text.Json.Nodes;
using EnergyGate.Core.Baselines;
using EnergyGate.Core.Gating;
using EnergyGate.Core.Reporting;
using EnergyGate.Core.Tests.Configuration;
using EnergyGate.Core.Tests.Measurement.Noise;
using Json.Schema;
using static EnergyGate.Core.Tests.Gating.GateFixtures;

namespace EnergyGate.Core.Tests.Reporting;

/// <summary>
/// Keeps docs/report.schema.json and <see cref="JsonReport"/> in step: reports of every kind the
/// fixtures make validate, and a field the schema does not name fails, so a new field cannot ship undocumented.
/// </summary>
public sealed class ReportSchemaTests
{
    private static readonly string SchemaText = RepoFiles.Read("docs", "report.schema.json");

    // Built once: the schema has an $id, and JsonSchema.Net refuses to register one id twice.
    private static readonly JsonSchema Schema = JsonSchema.FromText(SchemaText);

    public static TheoryData<string> Reports() => [.. Models().Keys];

    private static Dictionary<string, ReportModel> Models() => new(StringComparer.Ordinal)
    {
        ["pass"] = ReportModel.For(Gate.Evaluate(Baseline(Record(1, 100, 0.03)), Candidate(Record(2, 100, 0.03)), GatePolicy.Default, Today)),
        ["regression, accuracy drop, incomparable, no baseline, changed weights"] = ReportModel.For(ReportFixture.Result()),
        ["no baseline at all"] = ReportModel.For(Gate.Evaluate(BaselineSet.Empty, Candidate(Record(2, 100, 0.03)), GatePolicy.Default, Today)),
        ["incomplete and not-measured cells"] = ReportModel.For(ExportTests.Result()),
        ["batch sweep"] = ReportModel.For(BatchSweepTests.Sweep()),
        ["work"] = ReportModel.For(WorkFixture.Result()),
        ["unpinned hub model"] = ReportModel.For(PinningSectionTests.Unpinned()),
        ["noise"] = ReportModel.For(NoiseSectionTests.Result(NoiseSectionTests.WithFrequencies(NoiseSeries.Quiet, 0.002))),
        ["waste and a price"] = new ReportModel(ReportFixture.Result(), new FootprintSettings(300, "configured", 1.2, 0.25, "EUR"), WasteReportTests.Waste()),
        ["budgets kept, breached and matching no cell"] = ReportModel.For(Gate.Evaluate(Baseline(Record(1, 100, 0.03)), Candidate(Record(2, 100, 0.03)),
            GatePolicy.Default with
            {
                Budgets =
                [
                    new Budget("*", [new BudgetLimit(MetricIds.JoulesPerProblem, BudgetBound.AtMost, 50), new BudgetLimit(MetricIds.DecodeJoules, BudgetBound.AtMost, 500)]),
                    new Budget("lcc/*/*/*", [new BudgetLimit(BudgetMetrics.PassAt1, BudgetBound.AtLeast, 0.5)]),
                ],
            }, Today)),
    };

    [Fact]
    public void Schema_is_valid_draft_2020_12() =>
        Assert.True(MetaSchemas.Draft202012.Evaluate(JsonDocument.Parse(SchemaText).RootElement).IsValid);

    [Theory]
    [MemberData(nameof(Reports))]
    public void Reports_match_the_schema(string name)
    {
        var json = JsonNode.Parse(JsonReport.Render(Models()[name]))!;
        var result = Evaluate(json);
        Assert.True(result.IsValid, Errors(result));
    }

    [Fact]
    public void The_inputs_cover_every_optional_shape()
    {
        // Guards the fixtures themselves: a schema test over empty sections would prove little.
        var reports = Models().Values.Select(m => JsonNode.Parse(JsonReport.Render(m))!).ToList();
        Assert.Contains(reports, r => r["noise"] is JsonObject);
        Assert.Contains(reports, r => r["batching"]!.AsArray().Count > 0);
        Assert.Contains(reports, r => r["work"]!.AsArray().Count > 0);
        Assert.Contains(reports, r => r["waste"]!["suppression_study"]!.AsArray().Count > 0);
        Assert.Contains(reports, r => r["waste"]!["amplification"]!.AsArray().Count > 0);
        Assert.Contains(reports, r => r["cells"]!.AsArray().Any(c => c!["accuracy"] is JsonObject));
        Assert.Contains(reports, r => r["cells"]!.AsArray().Any(c => c!["mismatches"]!.AsArray().Count > 0));
        Assert.Contains(reports, r => r["cells"]!.AsArray().Any(c => c!["status"]!.GetValue<string>() == "incomplete"));
        Assert.Contains(reports, r => r["footprint"]!["price_per_kwh"] is JsonValue);
        Assert.Contains(reports, r => r["budgets"]!.AsArray().Any(b => b!["status"]!.GetValue<string>() == "breached"));
        Assert.Contains(reports, r => r["budgets"]!.AsArray().Any(b => b!["cell"] is null));
        Assert.Contains(reports, r => r["unpinned_models"]!.AsArray().Count > 0);
    }

    [Theory]
    [InlineData("")]
    [InlineData("cells/0")]
    [InlineData("cells/1/metrics/0")]
    [InlineData("footprint")]
    [InlineData("findings/0")]
    public void An_undocumented_property_is_rejected(string at)
    {
        var json = JsonNode.Parse(JsonReport.Render(ReportFixture.Result()))!;
        var target = at.Length == 0 ? json : at.Split('/').Aggregate(json, (node, step) => int.TryParse(step, out var i) ? node[i]! : node[step]!);
        target.AsObject()["surprise"] = 1;

        Assert.False(Evaluate(json).IsValid);
    }

    [Fact]
    public void A_wrong_verdict_or_a_malformed_budget_is_rejected()
    {
        var json = JsonNode.Parse(JsonReport.Render(ReportFixture.Result()))!;
        json["verdict"] = "fine";
        Assert.False(Evaluate(json).IsValid);

        var withBudget = JsonNode.Parse(JsonReport.Render(Models()["budgets kept, breached and matching no cell"]))!;
        Assert.True(Evaluate(withBudget).IsValid, Errors(Evaluate(withBudget)));
        withBudget["budgets"]![0]!["bound"] = "below";
        Assert.False(Evaluate(withBudget).IsValid);
    }

    private static EvaluationResults Evaluate(JsonNode json) =>
        Schema.Evaluate(JsonDocument.Parse(json.ToJsonString()).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });

    private static string Errors(EvaluationResults result) =>
        string.Join("; ", (result.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")));
}

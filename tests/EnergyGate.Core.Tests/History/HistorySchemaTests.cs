using System.Text.Json;
using EnergyGate.Core.Gating;
using EnergyGate.Core.History;
using EnergyGate.Core.Tests.Configuration;
using EnergyGate.Core.Tests.Gating;
using Json.Schema;

namespace EnergyGate.Core.Tests.History;

/// <summary>Keeps docs/history-entry.schema.json and the history lines the store writes in step.</summary>
public sealed class HistorySchemaTests
{
    private static readonly string SchemaText = RepoFiles.Read("docs", "history-entry.schema.json");

    // Built once: the schema has an $id, and JsonSchema.Net refuses to register one id twice.
    private static readonly JsonSchema Schema = JsonSchema.FromText(SchemaText);

    [Fact]
    public void Schema_is_valid_draft_2020_12() =>
        Assert.True(MetaSchemas.Draft202012.Evaluate(JsonDocument.Parse(SchemaText).RootElement).IsValid);

    [Fact]
    public void Written_lines_match_the_schema()
    {
        var record = GateFixtures.Record(3, 120, 0.03, outcomes: GateFixtures.Outcomes(10, 4));
        var entries = new[]
        {
            HistoryEntries.From(GateFixtures.Candidate(record), GateVerdict.Pass),
            HistoryEntries.From(GateFixtures.Candidate(GateFixtures.Record(1, 50, 0.03, n: 1)), null),
            HistoryFixtures.Entry("abc", 3.5),
        };
        foreach (var entry in entries)
        {
            var result = Schema.Evaluate(JsonDocument.Parse(HistoryJson.Serialize(entry)).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
            Assert.True(result.IsValid, string.Join("; ", (result.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))));
        }
    }

    [Fact]
    public void The_schema_rejects_an_unknown_verdict()
    {
        var line = HistoryJson.Serialize(HistoryFixtures.Entry("abc", 3.5) with { Verdict = GateVerdict.Pass }).Replace("\"pass\"", "\"fine\"", StringComparison.Ordinal);
        Assert.False(Schema.Evaluate(JsonDocument.Parse(line).RootElement).IsValid);
    }
}

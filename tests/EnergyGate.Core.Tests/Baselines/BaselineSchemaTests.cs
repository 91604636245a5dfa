using System.Text.Json;
using EnergyGate.Core.Baselines;
using EnergyGate.Core.Tests.Configuration;
using Json.Schema;

namespace EnergyGate.Core.Tests.Baselines;

/// <summary>Keeps docs/baseline.schema.json and the serializer in step.</summary>
public sealed class BaselineSchemaTests
{
    private static readonly string SchemaText = RepoFiles.Read("docs", "baseline.schema.json");

    // Built once: the schema has an $id, and JsonSchema.Net refuses to register one id twice.
    private static readonly JsonSchema Schema = JsonSchema.FromText(SchemaText);

    [Fact]
    public void Schema_is_valid_draft_2020_12() =>
        Assert.True(MetaSchemas.Draft202012.Evaluate(JsonDocument.Parse(SchemaText).RootElement).IsValid);

    [Fact]
    public void Written_documents_match_the_schema()
    {
        var cpuOnly = SampleDocuments.Fingerprint() with { GpuModel = null, MeterKind = MeterKind.Estimated };
        foreach (var document in new[] { SampleDocuments.Document(), SampleDocuments.Document(fingerprint: cpuOnly) })
        {
            var json = JsonDocument.Parse(BaselineJson.Serialize(document)).RootElement;
            var result = Schema.Evaluate(json, new EvaluationOptions { OutputFormat = OutputFormat.List });
            Assert.True(result.IsValid, string.Join("; ", (result.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))));
        }
    }

    [Fact]
    public void The_schema_rejects_an_unknown_meter_kind()
    {
        var json = BaselineJson.Serialize(SampleDocuments.Document()).Replace("\"measured\"", "\"guessed\"", StringComparison.Ordinal);
        Assert.False(Schema.Evaluate(JsonDocument.Parse(json).RootElement).IsValid);
    }
}

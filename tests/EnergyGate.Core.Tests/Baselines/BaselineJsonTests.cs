using EnergyGate.Core.Baselines;

namespace EnergyGate.Core.Tests.Baselines;

public sealed class BaselineJsonTests
{
    [Fact]
    public void Round_trips_every_member()
    {
        var document = SampleDocuments.Document();
        var json = BaselineJson.Serialize(document);
        var back = BaselineJson.Parse(json, "x.json");
        Assert.Equal(json, BaselineJson.Serialize(back));
        Assert.Equal(document.Fingerprint.MeterKind, back.Fingerprint.MeterKind);
        Assert.Equal([120.5, 121.25, 119.75], back.Cells[0].Measurements.Metrics["joules_per_problem"]);
        Assert.Equal(MeterKind.Attributed, back.Cells[0].Measurements.EnergyKinds["prefill_joules"]);
        Assert.Equal(SampleDocuments.Cell, back.Cells[0].Cell);
    }

    [Fact]
    public void Writes_snake_case_and_lowercase_enum_names()
    {
        var json = BaselineJson.Serialize(SampleDocuments.Document());
        Assert.Contains("\"schema_version\": 2", json, StringComparison.Ordinal);
        Assert.Contains("\"meter_kind\": \"measured\"", json, StringComparison.Ordinal);
        Assert.Contains("\"joules_per_problem\": [", json, StringComparison.Ordinal);
        Assert.EndsWith("\n", json, StringComparison.Ordinal);
    }
}

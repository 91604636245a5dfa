using EnergyGate.Core.Measurement;

namespace EnergyGate.Core.Tests.Measurement;

/// <summary>What a run's summary and facts become as a candidate for the gate.</summary>
public sealed class CandidateBuilderTests
{
    [Fact]
    public void A_suppression_study_variant_carries_its_suites_sha256()
    {
        var facts = new Dictionary<string, string> { ["cpu_model"] = "cpu", ["suite.smoke.sha256"] = "abc123" };
        var empty = new Dictionary<string, double[]>();
        var summary = new RunSummaryFile(new RunHeader("h", "test", DateTimeOffset.UnixEpoch, [], facts), "run.jsonl",
            [new CellSummary("smoke/tiny/onnx/cpu", "Estimated", 1, empty, empty, new Dictionary<string, bool[]>()),
             new CellSummary("smoke+syntax/tiny/onnx/cpu", "Estimated", 1, empty, empty, new Dictionary<string, bool[]>())]);

        var candidate = CandidateBuilder.Build(summary, "box", "abc");

        Assert.Equal(["abc123", "abc123"], candidate.Cells.Select(c => c.UnderTest.Settings.GetValueOrDefault("suite_sha256")));
        Assert.Equal("smoke+syntax", candidate.Cells[1].Cell.Suite);
        Assert.Equal("smoke", candidate.Cells[1].Cell.SuiteId);
    }
}

using EnergyGate.Core.Gating;
using EnergyGate.Core.Reporting;
using EnergyGate.Core.Tests.Configuration;
using static EnergyGate.Core.Tests.Gating.GateFixtures;

namespace EnergyGate.Core.Tests.Reporting;

/// <summary>
/// The energy and work section against its committed snapshot under the invariant culture and de-DE
/// (EG_UPDATE_SNAPSHOTS=1 rewrites it), its hook in the Markdown and JSON reports, and the readings.
/// </summary>
public sealed class WorkSectionTests
{
    private static readonly string SnapshotPath = Path.Join(RepoFiles.Root, "tests", "EnergyGate.Core.Tests", "Snapshots", "work-section.md");

    [Theory]
    [InlineData("")]
    [InlineData("de-DE")]
    public void Section_matches_the_snapshot_in_every_culture(string culture)
    {
        var actual = ReportSnapshotTests.InCulture(culture, () => WorkSection.Render(WorkFixture.Result()));
        if (Environment.GetEnvironmentVariable("EG_UPDATE_SNAPSHOTS") == "1" && culture.Length == 0)
        {
            File.WriteAllText(SnapshotPath, actual);
        }
        Assert.Equal(File.ReadAllText(SnapshotPath), actual);
    }

    [Fact]
    public void More_work_and_costlier_work_read_differently()
    {
        var section = WorkSection.Render(WorkFixture.Result());

        Assert.Contains("more work, not less efficient work", section, StringComparison.Ordinal);
        Assert.Contains("the same work cost more energy (the machine or the runtime)", section, StringComparison.Ordinal);
        Assert.Contains("**humaneval/no-shape/onnx/cuda**: no work metrics: the model folder has no config.json or genai_config.json", section, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_report_carries_the_section_before_the_cell_details()
    {
        var markdown = MarkdownReport.Render(WorkFixture.Result());

        var section = markdown.IndexOf("### Energy and work", StringComparison.Ordinal);
        Assert.InRange(section, 0, markdown.IndexOf("<details>", StringComparison.Ordinal));
    }

    [Fact]
    public void No_section_when_no_cell_has_work_metrics()
    {
        var result = Gate.Evaluate(Baseline(Record(1, 40, 0.02)), Candidate(Record(2, 40, 0.02)), GatePolicy.Default, Today);

        Assert.Equal("", WorkSection.Render(result));
        Assert.DoesNotContain("Energy and work", MarkdownReport.Render(result), StringComparison.Ordinal);
    }

    [Fact]
    public void A_baseline_without_work_metrics_is_absent_work_not_zero_work()
    {
        var result = Gate.Evaluate(Baseline(Record(1, 40, 0.02)), Candidate(WorkFixture.WithWork(Record(2, 40, 0.02), 1.0)), GatePolicy.Default, Today);

        var section = WorkSection.Render(result);

        Assert.Contains("- Work: prefill 1.20 GFLOP, decode 45.60 GFLOP per problem; 12.30 MB per decoded token", section, StringComparison.Ordinal);
        Assert.Contains("the baseline has no work metrics", section, StringComparison.Ordinal);
        Assert.DoesNotContain(result.Findings, f => f.Id is FindingIds.WorkIncreased or FindingIds.WorkDecreased or FindingIds.MetricMissing);
    }

    [Fact]
    public void Json_report_lists_work_ratios_and_readings()
    {
        var json = JsonReport.Render(WorkFixture.Result());

        Assert.Contains("\"work\": [", json, StringComparison.Ordinal);
        Assert.Contains("\"per_unit\": \"J per GFLOP\"", json, StringComparison.Ordinal);
        Assert.Contains("\"reading\": \"more work, not less efficient work\"", json, StringComparison.Ordinal);
        Assert.Contains("\"decode_gflop_per_problem\": 45.6", json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1.12, 1.0, "more work, not less efficient work")]
    [InlineData(1.0, 1.12, "the same work cost more energy (the machine or the runtime)")]
    [InlineData(1.0, 0.9, "the same work cost less energy (the machine or the runtime)")]
    [InlineData(0.9, 1.0, "less work, not more efficient work")]
    [InlineData(1.004, 1.04, "work and energy per unit of work unchanged")]
    [InlineData(1.1, 1.1, "more work, and each unit of it cost more energy")]
    [InlineData(0.9, 0.9, "less work, and each unit of it cost less energy")]
    public void Readings_use_the_work_tolerance_and_the_warn_threshold(double work, double perUnit, string expected) =>
        Assert.Equal(expected, WorkReading.For(work, perUnit, workTolerance: 0.005, energyTolerance: 0.05));
}

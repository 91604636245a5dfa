using EnergyGate.Core.Baselines;
using EnergyGate.Core.Gating;

namespace EnergyGate.Core.Tests.Gating;

public sealed class ExitCodeAndPolicyTests
{
    [Theory]
    [InlineData(GateVerdict.Pass, FailOn.Regression, IncomparableHandling.Report, 0)]
    [InlineData(GateVerdict.Warning, FailOn.Regression, IncomparableHandling.Report, 0)]
    [InlineData(GateVerdict.Regression, FailOn.Regression, IncomparableHandling.Report, 1)]
    [InlineData(GateVerdict.Regression, FailOn.Inconclusive, IncomparableHandling.Report, 1)]
    [InlineData(GateVerdict.Regression, FailOn.Never, IncomparableHandling.Fail, 0)]
    [InlineData(GateVerdict.Inconclusive, FailOn.Regression, IncomparableHandling.Fail, 0)]
    [InlineData(GateVerdict.Inconclusive, FailOn.Inconclusive, IncomparableHandling.Report, 3)]
    [InlineData(GateVerdict.Incomparable, FailOn.Regression, IncomparableHandling.Report, 0)]
    [InlineData(GateVerdict.Incomparable, FailOn.Regression, IncomparableHandling.Fail, 3)]
    [InlineData(GateVerdict.Incomparable, FailOn.Never, IncomparableHandling.Fail, 0)]
    public void Exit_codes_follow_the_policy(GateVerdict verdict, FailOn failOn, IncomparableHandling incomparable, int expected) =>
        Assert.Equal(expected, (int)Gate.ExitCodeFor(verdict, GatePolicy.Default with { FailOn = failOn, Incomparable = incomparable }));

    [Fact]
    public void Thresholds_resolve_cell_metric_over_cell_over_metric_over_global()
    {
        var cell = new CellKey("humaneval", "m", "onnx", "cpu");
        var policy = GatePolicy.Default with
        {
            MetricOverrides = new Dictionary<string, ThresholdOverride> { [MetricIds.PrefillJoules] = new(Warn: 0.2, Fail: 0.4, AbsoluteFloor: 0.05) },
            CellOverrides =
            [
                new("humaneval/m/onnx/cpu", MetricIds.PrefillJoules, new(Fail: 0.5)),
                new("humaneval/*/onnx/cpu", null, new(Warn: 0.1, Fail: 0.3)),
            ],
        };
        var prefill = policy.ThresholdsFor(cell, MetricIds.PrefillJoules);
        Assert.Equal((0.1, 0.5, 0.05), (prefill.Warn, prefill.Fail, prefill.AbsoluteFloor));
        var total = policy.ThresholdsFor(cell, MetricIds.JoulesPerProblem);
        Assert.Equal((0.1, 0.3, 0.001), (total.Warn, total.Fail, total.AbsoluteFloor));
        var elsewhere = policy.ThresholdsFor(cell with { Provider = "cuda" }, MetricIds.JoulesPerProblem);
        Assert.Equal((0.05, 0.10, 0.001, 0.01), (elsewhere.Warn, elsewhere.Fail, elsewhere.AbsoluteFloor, elsewhere.Alpha));
    }

    [Fact]
    public void The_default_policy_is_valid() => Assert.Empty(GatePolicy.Default.Validate());

    [Theory]
    [InlineData("*", true)]
    [InlineData("humaneval/*/onnx/*", true)]
    [InlineData("humaneval/org%2Fm/onnx/cuda", true)]
    [InlineData("humaneval/org/m/onnx/cuda", false)]
    [InlineData("longbench/*/*/*", false)]
    public void Cell_patterns_match_part_by_part(string pattern, bool expected) =>
        Assert.Equal(expected, CellPattern.Matches(pattern, new CellKey("humaneval", "org/m", "onnx", "cuda")));
}

using EnergyGate.Core.Baselines;
using EnergyGate.Core.Gating;
using EnergyGate.Core.Measurement;
using EnergyGate.Core.Tests.Measurement.Noise;

namespace EnergyGate.Core.Tests.Gating;

public sealed class PairingTests
{
    [Fact]
    public void Same_plan_and_repetitions_pair()
    {
        var b = GateFixtures.Candidate(GateFixtures.Record(1, 10, 0.03, n: 8));
        var h = GateFixtures.Candidate(GateFixtures.Record(2, 10, 0.03, n: 8));
        Assert.Empty(Pairing.Problems("abc", b, "abc", h));
    }

    [Fact]
    public void Another_plan_or_other_repetition_counts_do_not_pair()
    {
        var b = GateFixtures.Candidate(GateFixtures.Record(1, 10, 0.03, n: 8));
        var h = GateFixtures.Candidate(GateFixtures.Record(2, 10, 0.03, n: 6));
        var problems = Pairing.Problems("abc", b, "def", h);
        Assert.Contains(problems, p => p.Contains("settings hash abc vs def", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("joules_per_problem: 8 repetitions in the base, 6 in the head", StringComparison.Ordinal));
    }

    // The gate with paired evidence: eight rounds whose machine state drifted +/-15 %, head = base x 1.25 in every pair.
    [Fact]
    public void The_gate_uses_the_signed_rank_test_for_paired_runs()
    {
        var b = GateFixtures.Record(1, 10, 0.15, n: 8);
        var headMetrics = b.Measurements.Metrics.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<double>)[.. kv.Value.Select(v => v * 1.25)]);
        var h = b with { Measurements = b.Measurements with { Metrics = headMetrics } };
        var baseline = BaselineSet.FromDocuments(BaselineEvidence.Paired, BaselineDocument.FromCandidate(GateFixtures.Candidate(b)));
        var result = Gate.Evaluate(baseline, GateFixtures.Candidate(h), GatePolicy.Default, GateFixtures.Today);
        Assert.Equal(GateVerdict.Regression, result.Verdict);
        Assert.StartsWith("paired, 8 pairs", result.Cells[0].Metrics.First(m => m.Metric == MetricIds.JoulesPerProblem).Reason, StringComparison.Ordinal);
    }

    private static RunHeader Header(string hash, InterleavedSide? side) =>
        new(hash, "test", DateTimeOffset.UnixEpoch, [], new Dictionary<string, string>()) { Interleaved = side };

    [Fact]
    public void The_two_sides_of_one_interleaved_job_pair_although_their_plans_differ()
    {
        var b = GateFixtures.Candidate(GateFixtures.Record(1, 10, 0.03, n: 8));
        var h = GateFixtures.Candidate(GateFixtures.Record(2, 10, 0.03, n: 8));
        Assert.Empty(Pairing.Problems(Header("abc", new("job1", "base", "ABBA")), b, Header("def", new("job1", "head", "ABBA")), h));
        // Two jobs, or one side twice, are two occasions: the plans must then be one.
        Assert.NotEmpty(Pairing.Problems(Header("abc", new("job1", "base", "ABBA")), b, Header("def", new("job2", "head", "ABBA")), h));
        Assert.NotEmpty(Pairing.Problems(Header("abc", new("job1", "head", "ABBA")), b, Header("def", new("job1", "head", "ABBA")), h));
        Assert.NotEmpty(Pairing.Problems(Header("abc", null), b, Header("def", null), h));
    }

    [Fact]
    public void Paired_evidence_is_not_made_inconclusive_by_a_noisy_machine()
    {
        // The machine's probes jumped +25 % halfway (a neighbour): unpaired, a +10 % change would be
        // "not judged"; in pairs the neighbour hit both sides, so the change stands.
        var b = GateFixtures.Record(23, 120, 0.03);
        var h = GateFixtures.Record(24, 132, 0.03);
        var noisy = NoiseGateTests.MachineWith(NoiseSeries.NeighbourHalfway, 0.002);
        var candidate = GateFixtures.Candidate(noisy, h);
        var unpaired = Gate.Evaluate(GateFixtures.Baseline(b), candidate, GatePolicy.Default, GateFixtures.Today);
        Assert.Equal(GateVerdict.Inconclusive, unpaired.Verdict);
        var paired = Gate.Evaluate(BaselineSet.FromDocuments(BaselineEvidence.Paired, BaselineDocument.FromCandidate(GateFixtures.Candidate(b))), candidate,
            GatePolicy.Default, GateFixtures.Today);
        Assert.Equal(GateVerdict.Regression, paired.Verdict);
        Assert.DoesNotContain(paired.Findings, f => f.Id == FindingIds.Inconclusive);
    }
}

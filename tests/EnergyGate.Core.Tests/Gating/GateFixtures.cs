using EnergyGate.Core.Baselines;
using EnergyGate.Core.Tests.Statistics;

namespace EnergyGate.Core.Tests.Gating;

/// <summary>Synthetic baseline and candidate runs built from seeded lognormal repetitions.</summary>
internal static class GateFixtures
{
    public static readonly DateOnly Today = new(2025, 6, 15);
    public static readonly CellKey Cell = new("humaneval", "tiny-coder", "onnx", "cuda");

    public static EnvironmentFingerprint Machine(string gpu = "NVIDIA A10G", MeterKind meter = MeterKind.Measured) =>
        new("ci-a10", "AMD EPYC 7R32", gpu, meter, new Dictionary<string, string>());

    /// <summary>
    /// A cell whose energy per problem is ~<paramref name="joules"/> with <paramref name="cv"/> noise per
    /// repetition, split 3% prefill / 97% decode as the phase study found for code generation.
    /// </summary>
    public static CellRecord Record(int seed, double joules, double cv, int n = 10, CellKey? cell = null,
        IReadOnlyDictionary<string, string>? settings = null, IReadOnlyDictionary<string, IReadOnlyList<bool>>? outcomes = null)
    {
        var total = Synthetic.LogNormal(seed, n, joules, cv);
        var metrics = new Dictionary<string, IReadOnlyList<double>>
        {
            [MetricIds.JoulesPerProblem] = total,
            [MetricIds.PrefillJoules] = [.. total.Select(t => t * 0.03)],
            [MetricIds.DecodeJoules] = [.. total.Select(t => t * 0.97)],
            [MetricIds.DecodeJoulesPerToken] = [.. total.Select(t => t * 0.97 / 250)],
            [MetricIds.GeneratedTokens] = [.. Enumerable.Repeat(250.0, n)],
        };
        return new CellRecord(cell ?? Cell, new UnderTest(settings ?? new Dictionary<string, string> { [UnderTest.ModelSha256] = "aaaa" }),
            new CellMeasurements(metrics, outcomes ?? new Dictionary<string, IReadOnlyList<bool>>(), new Dictionary<string, double>(), new Dictionary<string, MeterKind>()));
    }

    public static BaselineSet Baseline(EnvironmentFingerprint machine, params CellRecord[] cells) =>
        BaselineSet.FromDocuments(new BaselineDocument(1, "0.1.0", "base123", new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero), machine, cells));

    public static BaselineSet Baseline(params CellRecord[] cells) => Baseline(Machine(), cells);

    public static CandidateSet Candidate(EnvironmentFingerprint machine, params CellRecord[] cells) =>
        new(new RunInfo("0.1.0", "head456", new DateTimeOffset(2025, 6, 15, 0, 0, 0, TimeSpan.Zero)), machine, cells);

    public static CandidateSet Candidate(params CellRecord[] cells) => Candidate(Machine(), cells);

    /// <summary>Per-task outcomes: the first <paramref name="solved"/> of <paramref name="tasks"/> pass, one greedy sample each.</summary>
    public static Dictionary<string, IReadOnlyList<bool>> Outcomes(int tasks, int solved, int offset = 0) =>
        Enumerable.Range(0, tasks).ToDictionary(i => $"HumanEval/{i}", i => (IReadOnlyList<bool>)[(i + offset) % tasks < solved]);
}

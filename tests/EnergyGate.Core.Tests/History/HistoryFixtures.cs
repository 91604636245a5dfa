using EnergyGate.Core.Baselines;
using EnergyGate.Core.Gating;
using EnergyGate.Core.History;

namespace EnergyGate.Core.Tests.History;

/// <summary>Synthetic history entries: a run's candidate with every value scaled by a chosen factor, so the trend's shape is known.</summary>
internal static class HistoryFixtures
{
    public static readonly DateTimeOffset Start = new(2025, 5, 1, 8, 0, 0, TimeSpan.Zero);

    /// <summary>A commit id as git writes them (40 hex digits), distinct per <paramref name="run"/>.</summary>
    public static string Commit(int run) => $"{0xa000 + run:x}".PadRight(40, 'b');

    /// <summary>
    /// <paramref name="runs"/> recorded runs of <paramref name="candidate"/>'s cells, one a day, run i at
    /// energy level 1 + 0.01 x (i mod 5); every 7th recorded as a regression.
    /// </summary>
    public static IReadOnlyList<HistoryEntry> Runs(CandidateSet candidate, int runs) =>
        [.. Enumerable.Range(0, runs).Select(i => HistoryEntries.From(
            Scaled(candidate, 1 + 0.01 * (i % 5)) with { Run = new RunInfo("0.1.0", Commit(i), Start.AddDays(i)) },
            i % 7 == 6 ? GateVerdict.Regression : GateVerdict.Pass))];

    /// <summary>The trend a report draws: <paramref name="runs"/> recorded runs, then the result's own run.</summary>
    public static RunTrend Trend(GateResult result, int runs) =>
        new(result.Candidate.Fingerprint.MachineClass, [.. Runs(result.Candidate, runs), HistoryEntries.From(result.Candidate, result.Verdict)]);

    public static CandidateSet Scaled(CandidateSet candidate, double factor) => candidate with
    {
        Cells = [.. candidate.Cells.Select(c => c with
        {
            Measurements = c.Measurements with
            {
                Metrics = c.Measurements.Metrics.ToDictionary(m => m.Key, m => (IReadOnlyList<double>)[.. m.Value.Select(v => v * factor)]),
            },
        })],
    };

    /// <summary>A one-cell entry whose joules_per_problem has the given median (one repetition).</summary>
    public static HistoryEntry Entry(string commit, double joules, string machineClass = "ci-a10", int day = 0) =>
        new(HistoryEntry.CurrentSchemaVersion, commit, Start.AddDays(day), machineClass, MeterKind.Measured, "0.1.0",
            new Dictionary<string, HistoryCell>
            {
                ["humaneval/tiny-coder/onnx/cuda"] = new(new Dictionary<string, RunFigure> { [MetricIds.JoulesPerProblem] = new(joules, 1) }),
            });
}

using EnergyGate.Core.Baselines;
using EnergyGate.Core.Gating;
using EnergyGate.Core.Tests.Gating;
using static EnergyGate.Core.Tests.Gating.GateFixtures;

namespace EnergyGate.Core.Tests.Reporting;

/// <summary>
/// One gate result touching every report feature: a failing regression with an Attributed prefill
/// (seeds 23/24, +10%), a noisy inconclusive cell whose model weights changed, an accuracy drop,
/// a cell from another GPU and a cell without baseline.
/// </summary>
internal static class ReportFixture
{
    private static readonly CellKey Regressed = Cell;
    private static readonly CellKey Noisy = Cell with { Model = "org/noisy-coder" };
    private static readonly CellKey Accuracy = Cell with { Provider = "cpu" };
    private static readonly CellKey NewModel = Cell with { Model = "brand-new" };

    public static GateResult Result(int extraRegressedCells = 0)
    {
        var attributed = WithPrefillKind(Record(24, 132, 0.03));
        var baseline = new List<CellRecord>
        {
            Record(23, 120, 0.03),
            Record(5, 120, 0.15, cell: Noisy),
            Record(1, 40, 0.03, cell: Accuracy, outcomes: GateFixtures.Outcomes(164, 100)),
        };
        var candidate = new List<CellRecord>
        {
            attributed,
            Record(6, 127.2, 0.15, cell: Noisy, settings: new Dictionary<string, string> { [UnderTest.ModelSha256] = "bbbb" }),
            Record(2, 40, 0.03, cell: Accuracy, outcomes: GateFixtures.Outcomes(164, 90)),
            Record(9, 80, 0.03, cell: NewModel),
        };
        for (var i = 0; i < extraRegressedCells; i++)
        {
            var key = Cell with { Model = $"bulk-{i:D4}" };
            baseline.Add(Record(23, 120, 0.03, cell: key));
            candidate.Add(Record(24, 132, 0.03, cell: key));
        }
        var otherGpuCell = Cell with { Runtime = "torch" };
        var set = new BaselineSet([.. Baseline([.. baseline]).Entries, .. Baseline(Machine(gpu: "NVIDIA A100"), Record(3, 120, 0.03, cell: otherGpuCell)).Entries]);
        candidate.Add(Record(4, 120, 0.03, cell: otherGpuCell));
        return Gate.Evaluate(set, Candidate([.. candidate]), GatePolicy.Default, Today);
    }

    private static CellRecord WithPrefillKind(CellRecord record) =>
        record with { Measurements = record.Measurements with { EnergyKinds = new Dictionary<string, MeterKind> { [MetricIds.PrefillJoules] = MeterKind.Attributed } } };
}

using EnergyGate.Core.Configuration;
using EnergyGate.Core.Measurement;
using EnergyGate.Core.Scoring;

namespace EnergyGate.Core.Tests.Measurement;

public sealed class RunPlanTests
{
    private static ResolvedSettings Settings(int repetitions, int warmup, int seed = 1) =>
        new(null, "/cache", "/results", [new SuiteSettings("smoke", null, [1], 1), new SuiteSettings("humaneval", null, [1], 1)], new SandboxOptions())
        {
            Models = [ModelSettings.BuiltinTiny, new ModelSettings("big", "/m", null)],
            Runtimes = [RuntimeSettings.OnnxCpu],
            Measurement = MeasurementSettings.Default with { Repetitions = repetitions, Warmup = warmup, Seed = seed },
        };

    [Fact]
    public void Cells_are_suite_by_model_by_runtime()
    {
        var plan = RunPlan.Create(Settings(1, 0));
        Assert.Equal(["smoke/tiny/onnx/cpu", "smoke/big/onnx/cpu", "humaneval/tiny/onnx/cpu", "humaneval/big/onnx/cpu"], plan.Cells.Select(c => c.Id));
    }

    [Fact]
    public void Every_cell_gets_each_repetition_once_and_its_warmups_before_its_first_repetition()
    {
        var plan = RunPlan.Create(Settings(repetitions: 5, warmup: 2));
        Assert.Equal(4 * (5 + 2), plan.Steps.Count);
        for (var cell = 0; cell < plan.Cells.Count; cell++)
        {
            var steps = plan.Steps.Select((s, i) => (s, i)).Where(x => x.s.Cell == cell).ToList();
            Assert.Equal([-1, -1, 0, 1, 2, 3, 4], steps.Select(x => x.s.Repetition));
            Assert.True(steps[1].i + 1 == steps[2].i, "warm-up runs right before the first repetition");
        }
    }

    [Fact]
    public void Rounds_are_shuffled_deterministically_from_the_seed()
    {
        static string Order(RunPlan p) => string.Join(",", p.Steps.Where(s => !s.IsWarmup).Select(s => s.Cell));
        var a = RunPlan.Create(Settings(6, 0, seed: 3));
        Assert.Equal(Order(a), Order(RunPlan.Create(Settings(6, 0, seed: 3))));
        Assert.NotEqual(Order(a), Order(RunPlan.Create(Settings(6, 0, seed: 4))));
        var rounds = Enumerable.Range(0, 6).Select(r => string.Join(",", a.Steps.Where(s => s.Repetition == r).Select(s => s.Cell))).ToList();
        Assert.True(rounds.Distinct().Count() > 1, "rounds should not all run cells in the same order");
    }
}

using EnergyGate.Core.Baselines;

namespace EnergyGate.Core.Tests.Baselines;

/// <summary>Small hand-made documents for store and JSON tests.</summary>
internal static class SampleDocuments
{
    public static readonly CellKey Cell = new("humaneval", "Qwen/Qwen2.5-Coder-1.5B", "onnx", "cuda");

    public static EnvironmentFingerprint Fingerprint(string machineClass = "ci-a10", MeterKind meter = MeterKind.Measured) =>
        new(machineClass, "AMD EPYC 7R32", "NVIDIA A10G", meter, new Dictionary<string, string> { ["cores"] = "8", ["power_limit_w"] = "300" });

    public static BaselineDocument Document(CellKey? cell = null, EnvironmentFingerprint? fingerprint = null) => new(
        BaselineDocument.CurrentSchemaVersion,
        "0.1.0",
        "3f2a1b9c",
        new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero),
        fingerprint ?? Fingerprint(),
        [
            new CellRecord(
                cell ?? Cell,
                new UnderTest(new Dictionary<string, string> { [UnderTest.ModelSha256] = "ab12", [UnderTest.RuntimeVersion] = "1.22.0" }),
                new CellMeasurements(
                    new Dictionary<string, IReadOnlyList<double>> { ["joules_per_problem"] = [120.5, 121.25, 119.75], ["tokens_per_second"] = [40, 41, 39.5] },
                    new Dictionary<string, IReadOnlyList<bool>> { ["HumanEval/0"] = [true, true], ["HumanEval/1"] = [false, true] },
                    new Dictionary<string, double> { ["lcc/17"] = 0.75 },
                    new Dictionary<string, MeterKind> { ["prefill_joules"] = MeterKind.Attributed })),
        ]);
}

using EnergyGate.Core.Baselines;

namespace EnergyGate.Core.Measurement;

/// <summary>
/// Turns a run's summary into the gate's candidate: one record per cell with the raw
/// per-repetition metrics, per-task outcomes, what was under test, and the machine fingerprint.
/// </summary>
public static class CandidateBuilder
{
    /// <summary>Builds the candidate; <paramref name="machineClass"/> null derives one from the machine facts (<see cref="Machine.MachineClass"/>).</summary>
    public static CandidateSet Build(RunSummaryFile summary, string? machineClass, string commit)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var facts = summary.Header.Fingerprint;
        var cpu = facts.GetValueOrDefault("cpu_model") ?? "unknown";
        var gpu = facts.GetValueOrDefault("gpu_model") is { } g && g != "none" ? g : null;
        var meterKind = Enum.TryParse<MeterKind>(facts.GetValueOrDefault("meter_kind"), out var kind) ? kind : MeterKind.Estimated;
        // The run's noise figures travel as facts of the machine, where the gate's noise rule reads them.
        var details = summary.Noise is { } noise ? facts.Concat(noise.ToDetails()).ToDictionary(StringComparer.Ordinal) : facts;
        var fingerprint = new EnvironmentFingerprint(machineClass ?? Machine.MachineClass.Derive(cpu, gpu, facts), cpu, gpu, meterKind, details);
        var cells = summary.Cells.Select(cell => Cell(cell, facts)).ToList();
        // A planned cell without a single sample still has to reach the gate, which says it is incomplete.
        var measured = cells.Select(c => c.Cell).ToHashSet();
        cells.AddRange(summary.Incomplete.Where(i => !measured.Contains(i.Cell)).Select(i => new CellRecord(i.Cell, UnderTest.Empty,
            CellMeasurements.OfMetrics(new Dictionary<string, IReadOnlyList<double>>()))));
        return new CandidateSet(new RunInfo(summary.Header.ToolVersion, commit, summary.Header.StartedAt), fingerprint, cells)
        {
            Incomplete = summary.Incomplete,
        };
    }

    private static CellRecord Cell(CellSummary cell, IReadOnlyDictionary<string, string> facts)
    {
        var key = CellKey.Parse(cell.Cell);
        var underTest = new Dictionary<string, string>(StringComparer.Ordinal);
        Add(underTest, UnderTest.ModelSha256, facts.GetValueOrDefault($"model.{key.Model}.sha256"));
        // A named runtime entry's cell key holds the name; its version is the real runtime's.
        var runtime = facts.GetValueOrDefault(RunPreparation.RuntimeOfKey(key.Runtime)) ?? key.Runtime;
        Add(underTest, UnderTest.RuntimeVersion, facts.GetValueOrDefault($"runtime.{runtime}"));
        Add(underTest, UnderTest.DriverVersion, facts.GetValueOrDefault("gpu_driver"));
        Add(underTest, UnderTest.Decoding, facts.GetValueOrDefault("decoding"));
        Add(underTest, "suite_sha256", facts.GetValueOrDefault($"suite.{key.SuiteId}.sha256"));
        // Absent for raw cells (every baseline recorded before chat existed), so only a chat side lists them.
        Add(underTest, UnderTest.PromptFormat, facts.GetValueOrDefault(RunPreparation.PromptFormatKey(cell.Cell)));
        if (underTest.ContainsKey(UnderTest.PromptFormat))
        {
            Add(underTest, UnderTest.PromptTemplateSha256, facts.GetValueOrDefault($"model.{key.Model}.chat_template_sha256"));
        }
        var energyKind = Enum.TryParse<MeterKind>(cell.EnergyKind, out var k) ? k : MeterKind.Estimated;
        var measurements = new CellMeasurements(
            cell.Metrics.ToDictionary(m => m.Key, m => (IReadOnlyList<double>)m.Value),
            cell.Outcomes.ToDictionary(o => o.Key, o => (IReadOnlyList<bool>)o.Value),
            cell.SampleScores,
            MetricCatalog.All.Where(m => m.IsEnergy && cell.Metrics.ContainsKey(m.Id)).ToDictionary(m => m.Id, _ => energyKind));
        return new CellRecord(key, new UnderTest(underTest), measurements);
    }

    private static void Add(Dictionary<string, string> settings, string key, string? value)
    {
        if (value is not null)
        {
            settings[key] = value;
        }
    }
}

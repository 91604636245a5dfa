using EnergyGate.Core.Baselines;
using EnergyGate.Core.Tests.TestSupport;

namespace EnergyGate.Core.Tests.Baselines;

public sealed class BaselineHistoryTests
{
    private static BaselineDocument Run(string commit, double scale = 1, EnvironmentFingerprint? machine = null)
    {
        var doc = SampleDocuments.Document(fingerprint: machine);
        var cell = doc.Cells[0];
        var metrics = cell.Measurements.Metrics.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<double>)[.. kv.Value.Select(v => v * scale)]);
        return doc with { Commit = commit, Cells = [cell with { Measurements = cell.Measurements with { Metrics = metrics } }] };
    }

    [Fact]
    public void Update_appends_runs_and_keeps_the_last_n()
    {
        using var temp = new TempDir();
        var store = new BaselineStore(temp.Path);
        for (var i = 0; i < 4; i++)
        {
            store.Save(Run($"c{i + 1}", 1 + i * 0.01), keepRuns: 3);
        }
        var entry = store.Find(SampleDocuments.Cell, SampleDocuments.Fingerprint())!;
        Assert.Equal("c4", entry.Run.Commit);
        Assert.Equal(["c2", "c3"], entry.Record.History!.Select(r => r.Commit));
        Assert.Equal(BaselineEvidence.Runs, entry.Evidence);
        var runs = entry.Record.RunsOf("joules_per_problem");
        Assert.Equal(3, runs.Count);
        Assert.Equal(120.5 * 1.01, runs[0][0], 9);
        Assert.Equal(120.5 * 1.03, runs[2][0], 9);
        Assert.Single(temp.AllFiles());
    }

    [Fact]
    public void Keeping_one_run_replaces_as_before()
    {
        using var temp = new TempDir();
        var store = new BaselineStore(temp.Path);
        store.Save(Run("c1"));
        store.Save(Run("c2"));
        Assert.Null(store.Find(SampleDocuments.Cell, SampleDocuments.Fingerprint())!.Record.History);
    }

    // Runs of another CPU, or of other settings under test, measured something else: the history restarts.
    [Fact]
    public void Another_cpu_or_other_settings_restart_the_history()
    {
        using var temp = new TempDir();
        var store = new BaselineStore(temp.Path);
        store.Save(Run("c1"), keepRuns: 5);
        var otherCpu = SampleDocuments.Fingerprint() with { CpuModel = "AMD EPYC 9R14" };
        store.Save(Run("c2", machine: otherCpu), keepRuns: 5);
        Assert.Null(store.Find(SampleDocuments.Cell, otherCpu)!.Record.History);
        var newModel = Run("c3", machine: otherCpu);
        newModel = newModel with { Cells = [newModel.Cells[0] with { UnderTest = new UnderTest(new Dictionary<string, string> { [UnderTest.ModelSha256] = "cd34" }) }] };
        store.Save(Run("c2b", machine: otherCpu), keepRuns: 5);
        store.Save(newModel, keepRuns: 5);
        Assert.Null(store.Find(SampleDocuments.Cell, otherCpu)!.Record.History);
    }

    // A schema 1 file (the repository's own baseline before its re-recording, kept under TestData)
    // loads unchanged as a one-run history, and the next update keeps its run as the first entry of the history.
    [Fact]
    public void A_committed_schema_1_file_reads_as_a_one_run_history_and_is_appended_to()
    {
        var committed = Path.Combine(RepoPaths.RepoRoot, "tests", "TestData", "baselines-schema-1", "onnx-cpu.estimated.amd-epyc.json");
        Assert.Contains("\"schema_version\": 1,", File.ReadAllText(committed), StringComparison.Ordinal);
        var v1 = BaselineStore.Read(committed);
        Assert.Equal(BaselineDocument.CurrentSchemaVersion, v1.SchemaVersion);
        Assert.Null(v1.Cells[0].History);
        Assert.Single(v1.Cells[0].RunsOf("joules_per_problem"));

        using var temp = new TempDir();
        var store = new BaselineStore(temp.Path);
        var target = store.PathFor(v1.Cells[0].Cell, v1.Fingerprint);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Copy(committed, target);
        store.Save(v1 with { Commit = "next" }, keepRuns: 5);
        var json = File.ReadAllText(target);
        Assert.Contains("\"schema_version\": 2,", json, StringComparison.Ordinal);
        var history = BaselineStore.Read(target).Cells[0].History!;
        Assert.Equal(v1.Commit, Assert.Single(history).Commit);
    }

    [Fact]
    public void A_schema_1_file_with_a_history_is_refused()
    {
        var json = BaselineJson.Serialize(Run("c1") with { Cells = [Run("c1").Cells[0] with { History = [new BaselineRun("0.1.0", "c0", DateTimeOffset.UnixEpoch, new Dictionary<string, IReadOnlyList<double>>())] }] })
            .Replace("\"schema_version\": 2", "\"schema_version\": 1", StringComparison.Ordinal);
        var e = Assert.Throws<BaselineFormatException>(() => BaselineJson.Parse(json, "b.json"));
        Assert.Contains("$.cells[0].history is not part of schema version 1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_stored_run_is_checked_against_the_sanity_bounds()
    {
        var run = new BaselineRun("0.1.0", "c0", DateTimeOffset.UnixEpoch, new Dictionary<string, IReadOnlyList<double>> { ["joules_per_problem"] = [1, -2] });
        var json = BaselineJson.Serialize(Run("c1") with { Cells = [Run("c1").Cells[0] with { History = [run] }] });
        var e = Assert.Throws<BaselineFormatException>(() => BaselineJson.Parse(json, "b.json"));
        Assert.Contains("EG2045", e.Message, StringComparison.Ordinal);
        Assert.Contains("$.cells[0].history[0].metrics.joules_per_problem[1]", e.Message, StringComparison.Ordinal);
    }
}

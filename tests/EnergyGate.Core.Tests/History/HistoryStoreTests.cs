using EnergyGate.Core.Baselines;
using EnergyGate.Core.Gating;
using EnergyGate.Core.History;
using EnergyGate.Core.Tests.TestSupport;
using static EnergyGate.Core.Tests.History.HistoryFixtures;

namespace EnergyGate.Core.Tests.History;

public sealed class HistoryStoreTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private HistoryStore Store() => new(_dir.File("history"));

    [Fact]
    public void An_appended_entry_reads_back_equal()
    {
        var entry = Entry("abc123", 12.5) with { Verdict = GateVerdict.Warning };
        var done = Store().Append(entry);
        var read = Assert.Single(Store().Read("ci-a10"));
        Assert.Equal(HistoryJson.Serialize(entry), HistoryJson.Serialize(read));
        Assert.Equal(GateVerdict.Warning, read.Verdict);
        Assert.Equal((_dir.File(Path.Combine("history", "ci-a10.jsonl")), false, 1, 0), (done.Path, done.Replaced, done.Entries, done.Dropped));
        Assert.EndsWith("\n", File.ReadAllText(done.Path), StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_folder_or_file_is_an_empty_history()
    {
        Assert.Empty(Store().Read("ci-a10"));
        Assert.Empty(Store().ReadAll());
        Directory.CreateDirectory(_dir.File("history"));
        Assert.Empty(Store().Read("ci-a10"));
    }

    [Fact]
    public void The_file_keeps_the_last_n_entries()
    {
        HistoryAppend last = null!;
        for (var i = 0; i < 7; i++)
        {
            last = Store().Append(Entry($"commit-{i}", 10 + i, day: i), keep: 5);
        }
        Assert.Equal(["commit-2", "commit-3", "commit-4", "commit-5", "commit-6"], Store().Read("ci-a10").Select(e => e.Commit));
        Assert.Equal((5, 1), (last.Entries, last.Dropped));
    }

    [Fact]
    public void Appending_a_commit_again_replaces_its_entry_where_it_stands()
    {
        foreach (var (commit, day) in new[] { ("a", 0), ("b", 1), ("c", 2) })
        {
            Store().Append(Entry(commit, 10, day: day));
        }
        var done = Store().Append(Entry("b", 99, day: 5));
        var runs = Store().Read("ci-a10");
        Assert.True(done.Replaced);
        Assert.Equal(["a", "b", "c"], runs.Select(e => e.Commit));
        Assert.Equal(99, runs[1].Cells.Single().Value.Metrics[MetricIds.JoulesPerProblem].Median);
        Assert.Equal(3, File.ReadAllLines(done.Path).Length);
    }

    [Fact]
    public void Each_machine_class_has_its_own_file_named_by_the_contract()
    {
        Store().Append(Entry("a", 10, machineClass: "ci a10/x"));
        Store().Append(Entry("a", 20, machineClass: "gpu-h100"));
        Assert.Equal(["history/ci-a10-x.jsonl", "history/gpu-h100.jsonl"], _dir.AllFiles().Order(StringComparer.Ordinal).Select(f => f.Replace('\\', '/')));
        Assert.Equal(10, Store().Read("ci a10/x").Single().Cells.Single().Value.Metrics.Single().Value.Median);
        Assert.Equal(20, Store().Read("gpu-h100").Single().Cells.Single().Value.Metrics.Single().Value.Median);
        Assert.Equal(2, Store().ReadAll().Count);
    }

    [Fact]
    public void Classes_that_share_a_file_name_stay_apart()
    {
        Store().Append(Entry("a", 10, machineClass: "ci a10"));
        Store().Append(Entry("a", 20, machineClass: "ci-a10"));
        Assert.Single(_dir.AllFiles());
        Assert.Equal(10, Store().Read("ci a10").Single().Cells.Single().Value.Metrics.Single().Value.Median);
        Assert.Equal(20, Store().Read("ci-a10").Single().Cells.Single().Value.Metrics.Single().Value.Median);
    }

    [Fact]
    public void A_corrupt_line_is_named_by_file_and_line()
    {
        var done = Store().Append(Entry("a", 10));
        Store().Append(Entry("b", 11));
        File.AppendAllText(done.Path, "{\"schema_version\":1,\"commit\":\"c\",\n");
        var error = Assert.Throws<EnergyGateException>(() => Store().Read("ci-a10"));
        Assert.StartsWith($"{done.Path}:3: not a history entry: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("Fix or delete that line", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrong_value_names_its_field()
    {
        var done = Store().Append(Entry("a", 10));
        File.WriteAllText(done.Path, File.ReadAllText(done.Path).Replace("\"median\":10", "\"median\":\"ten\"", StringComparison.Ordinal));
        var error = Assert.Throws<EnergyGateException>(() => Store().Read("ci-a10"));
        Assert.Contains(":1: not a history entry: field `cells['humaneval/tiny-coder/onnx/cuda'].metrics.joules_per_problem.median`: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_line_of_a_newer_schema_asks_for_a_newer_tool()
    {
        var done = Store().Append(Entry("a", 10));
        File.AppendAllText(done.Path, "{\"schema_version\":2,\"something\":\"new\"}\n");
        var error = Assert.Throws<EnergyGateException>(() => Store().Read("ci-a10"));
        Assert.Contains(":2: history schema version 2 is not supported", error.Message, StringComparison.Ordinal);
        Assert.Contains("newer EnergyGate", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failed_append_leaves_the_file_as_it_was_and_no_temporary_file()
    {
        var done = Store().Append(Entry("a", 10));
        File.AppendAllText(done.Path, "not json\n");
        var before = File.ReadAllBytes(done.Path);
        var error = Assert.Throws<EnergyGateException>(() => Store().Append(Entry("b", 11)));
        Assert.Contains($"{done.Path}:2:", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(done.Path));
        Assert.Equal(["history/ci-a10.jsonl"], _dir.AllFiles().Select(f => f.Replace('\\', '/')));
    }

    [Fact]
    public void A_second_writer_is_refused_while_the_folder_is_locked()
    {
        var done = Store().Append(Entry("a", 10));
        var before = File.ReadAllBytes(done.Path);
        using (new FileStream(_dir.File(Path.Combine("history", HistoryStore.LockFileName)), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            var error = Assert.Throws<EnergyGateException>(() => Store().Append(Entry("b", 11)));
            Assert.StartsWith("EG2046: another `history append` is writing", error.Message, StringComparison.Ordinal);
        }
        Assert.Equal(before, File.ReadAllBytes(done.Path));
        Store().Append(Entry("b", 11));
        Assert.Equal(2, Store().Read("ci-a10").Count);
        Assert.DoesNotContain(_dir.AllFiles(), f => f.EndsWith(HistoryStore.LockFileName, StringComparison.Ordinal));
    }

    [Fact]
    public void Blank_lines_are_skipped()
    {
        var done = Store().Append(Entry("a", 10));
        File.AppendAllText(done.Path, "\n\n");
        Store().Append(Entry("b", 11));
        Assert.Equal(["a", "b"], Store().Read("ci-a10").Select(e => e.Commit));
    }
}

using EnergyGate.Core.Baselines;
using EnergyGate.Core.Tests.TestSupport;

namespace EnergyGate.Core.Tests.Baselines;

public sealed class BaselineStoreTests
{
    [Fact]
    public void Path_follows_suite_model_runtime_provider_meter_machine_class()
    {
        var store = new BaselineStore("/repo/baselines");
        var path = store.PathFor(new CellKey("humaneval", "tiny-gpt2", "onnx", "cpu"), SampleDocuments.Fingerprint("ci-a10", MeterKind.Estimated));
        Assert.Equal(Path.Combine("/repo/baselines", "humaneval", "tiny-gpt2", "onnx-cpu.estimated.ci-a10.json"), path);
    }

    [Fact]
    public void Unsafe_names_are_sanitized_and_keep_a_hash_so_they_do_not_collide()
    {
        var store = new BaselineStore("/b");
        var slash = store.PathFor(SampleDocuments.Cell, SampleDocuments.Fingerprint());
        var underscore = store.PathFor(SampleDocuments.Cell with { Model = "Qwen_Qwen2.5-Coder-1.5B" }, SampleDocuments.Fingerprint());
        Assert.Matches(@"^/b/humaneval/Qwen_Qwen2\.5-Coder-1\.5B-[0-9a-f]{8}/onnx-cuda\.measured\.ci-a10\.json$", slash);
        Assert.NotEqual(Path.GetDirectoryName(slash), Path.GetDirectoryName(underscore));
        var sneaky = store.PathFor(new CellKey("..", "../../etc", "CON", "a b"), SampleDocuments.Fingerprint("../x"));
        Assert.StartsWith("/b/", sneaky, StringComparison.Ordinal);
        Assert.DoesNotContain("..", sneaky.Replace("/b/", "", StringComparison.Ordinal).Split('/').Where(s => s.StartsWith("..", StringComparison.Ordinal)));
        Assert.Contains("/_CON-", sneaky, StringComparison.Ordinal);
    }

    [Fact]
    public void Save_then_find_round_trips_and_leaves_no_temp_files()
    {
        using var temp = new TempDir();
        var store = new BaselineStore(temp.Path);
        var written = store.Save(SampleDocuments.Document());
        Assert.Single(written);
        Assert.Equal([Path.GetRelativePath(temp.Path, written[0])], temp.AllFiles());
        var entry = store.Find(SampleDocuments.Cell, SampleDocuments.Fingerprint());
        Assert.NotNull(entry);
        Assert.Equal(written[0], entry.Source);
        Assert.Equal("3f2a1b9c", entry.Run.Commit);
        Assert.Equal([120.5, 121.25, 119.75], entry.Record.Measurements.Metrics["joules_per_problem"]);
    }

    [Fact]
    public void Save_overwrites_an_existing_baseline()
    {
        using var temp = new TempDir();
        var store = new BaselineStore(temp.Path);
        store.Save(SampleDocuments.Document());
        store.Save(SampleDocuments.Document() with { Commit = "newer" });
        Assert.Equal("newer", store.Find(SampleDocuments.Cell, SampleDocuments.Fingerprint())!.Run.Commit);
        Assert.Single(temp.AllFiles());
    }

    [Fact]
    public void A_missing_baseline_is_null_not_an_exception()
    {
        using var temp = new TempDir();
        Assert.Null(new BaselineStore(temp.Path).Find(SampleDocuments.Cell, SampleDocuments.Fingerprint()));
        Assert.Empty(new BaselineStore(Path.Combine(temp.Path, "absent")).LoadFor(
            new CandidateSet(SampleDocuments.Document().Run, SampleDocuments.Fingerprint(), SampleDocuments.Document().Cells)).Entries);
    }

    [Fact]
    public void A_baseline_from_another_machine_class_is_found_so_the_gate_can_call_it_incomparable()
    {
        using var temp = new TempDir();
        var store = new BaselineStore(temp.Path);
        store.Save(SampleDocuments.Document(fingerprint: SampleDocuments.Fingerprint("laptop", MeterKind.Estimated)));
        var entry = store.Find(SampleDocuments.Cell, SampleDocuments.Fingerprint("ci-a10"));
        Assert.Equal("laptop", entry!.Fingerprint.MachineClass);
    }

    [Fact]
    public void A_corrupt_file_is_an_error_naming_it()
    {
        using var temp = new TempDir();
        var store = new BaselineStore(temp.Path);
        var path = store.PathFor(SampleDocuments.Cell, SampleDocuments.Fingerprint());
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "{ \"schema_version\": 1, ");
        var error = Assert.Throws<BaselineFormatException>(() => store.Find(SampleDocuments.Cell, SampleDocuments.Fingerprint()));
        Assert.StartsWith(path + ": line 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_holding_another_cell_is_an_error()
    {
        using var temp = new TempDir();
        var store = new BaselineStore(temp.Path);
        var path = store.PathFor(SampleDocuments.Cell, SampleDocuments.Fingerprint());
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, BaselineJson.Serialize(SampleDocuments.Document(cell: SampleDocuments.Cell with { Provider = "cpu" })));
        var error = Assert.Throws<BaselineFormatException>(() => store.Find(SampleDocuments.Cell, SampleDocuments.Fingerprint()));
        Assert.Contains("not humaneval/Qwen%2FQwen2.5-Coder-1.5B/onnx/cuda", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cell_keys_round_trip_their_string_form()
    {
        var key = new CellKey("humaneval", "org/model%1", "onnx", "cuda");
        Assert.Equal("humaneval/org%2Fmodel%251/onnx/cuda", key.ToString());
        Assert.Equal(key, CellKey.Parse(key.ToString()));
        Assert.Throws<FormatException>(() => CellKey.Parse("a/b/c"));
    }
}

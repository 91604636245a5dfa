using EnergyGate.Core.Suites.LongBench;
using EnergyGate.Core.Tests.TestSupport;

namespace EnergyGate.Core.Tests.Suites.LongBench;

public sealed class LongBenchLoaderTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Folder_records_are_read_field_for_field()
    {
        var records = await LongBenchLoader.LoadFromFolderAsync(LongBenchTestData.Dir, LongBenchTasks.RepoBenchP);

        Assert.Equal(["rb-0001", "rb-0002"], records.Select(r => r.Id));
        var first = records[0];
        Assert.Equal("from util import add\n\nresult = ", first.Input);
        Assert.Equal("# util.py\ndef add(a, b):\n    return a + b\n# template uses {input} literally\n", first.Context);
        Assert.Equal(["result = add(1, 2)"], first.Answers);
        Assert.Equal((20, "repobench-p", "python"), (first.Length, first.Dataset, first.Language));
        Assert.Null(first.AllClasses);
    }

    [Theory]
    [InlineData("lcc", 2)]
    [InlineData("repobench-p", 2)]
    [InlineData("lcc_e", 1)]
    [InlineData("repobench-p_e", 1)]
    public async Task Zip_entries_are_read_in_place_and_match_the_folder(string task, int count)
    {
        var zip = _dir.File("data.zip");
        await File.WriteAllBytesAsync(zip, LongBenchTestData.DataZip());

        var fromZip = await LongBenchLoader.LoadFromZipAsync(zip, LongBenchTasks.Find(task));
        var fromFolder = await LongBenchLoader.LoadFromFolderAsync(LongBenchTestData.Dir, LongBenchTasks.Find(task));

        Assert.Equal(count, fromZip.Count);
        Assert.Equal(fromFolder.Select(Flatten), fromZip.Select(Flatten));
        Assert.Single(_dir.AllFiles()); // nothing extracted beside it
    }

    [Fact]
    public async Task Extracted_data_folder_is_accepted_as_data_dir()
    {
        Directory.CreateDirectory(_dir.File("data"));
        File.Copy(Path.Combine(LongBenchTestData.Dir, "lcc_e.jsonl"), Path.Combine(_dir.Path, "data", "lcc_e.jsonl"));

        var records = await LongBenchLoader.LoadFromFolderAsync(_dir.Path, LongBenchTasks.LccE);

        Assert.Equal("lcce-0001", Assert.Single(records).Id);
    }

    [Fact]
    public async Task Data_dir_without_the_task_file_says_what_was_looked_for()
    {
        var ex = await Assert.ThrowsAsync<EnergyGateException>(() => LongBenchLoader.LoadFromFolderAsync(_dir.Path, LongBenchTasks.Lcc));

        Assert.StartsWith($"--data-dir {_dir.Path} contains neither lcc.jsonl nor data/lcc.jsonl", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Zip_without_the_task_lists_what_it_holds()
    {
        var zip = _dir.File("data.zip");
        await File.WriteAllBytesAsync(zip, LongBenchTestData.Zip([("data/hotpotqa.jsonl", "{}\n")]));

        var ex = await Assert.ThrowsAsync<EnergyGateException>(() => LongBenchLoader.LoadFromZipAsync(zip, LongBenchTasks.Lcc));

        Assert.StartsWith($"{zip} has no data/lcc.jsonl; it holds data/hotpotqa.jsonl, so it is not LongBench's data.zip", ex.Message, StringComparison.Ordinal);
        Assert.Contains("datasets pull longbench", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_that_is_not_a_zip_asks_for_a_re_pull()
    {
        var zip = _dir.File("data.zip");
        await File.WriteAllTextAsync(zip, "<html>not found</html>");

        var ex = await Assert.ThrowsAsync<EnergyGateException>(() => LongBenchLoader.LoadFromZipAsync(zip, LongBenchTasks.Lcc));

        Assert.StartsWith($"{zip}: not a readable zip archive", ex.Message, StringComparison.Ordinal);
        Assert.Contains("datasets pull longbench", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task All_classes_list_is_kept()
    {
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(
            LongBenchTestData.Line(edit: s => s.Replace("\"all_classes\": null", "\"all_classes\": [\"x\", \"y\"]", StringComparison.Ordinal))));

        var record = Assert.Single(await LongBenchLoader.LoadAsync(stream, "mem"));

        Assert.Equal(["x", "y"], record.AllClasses!);
    }

    [Fact]
    public void Unknown_task_lists_the_valid_names()
    {
        var ex = Assert.Throws<EnergyGateException>(() => LongBenchTasks.Find("hotpotqa"));

        Assert.Equal("unknown LongBench task `hotpotqa`; valid names: lcc, repobench-p, lcc_e, repobench-p_e", ex.Message);
        Assert.Same(LongBenchTasks.RepoBenchPE, LongBenchTasks.Find("RepoBench-P_E"));
    }

    private static string Flatten(LongBenchRecord r) =>
        $"{r.Id}|{r.Input}|{r.Context}|{string.Join('\u0001', r.Answers)}|{r.Length}|{r.Dataset}|{r.Language}|{r.AllClasses is null}";
}

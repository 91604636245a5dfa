using System.Text;
using EnergyGate.Core.Suites.LongBench;
using EnergyGate.Core.Tests.TestSupport;

namespace EnergyGate.Core.Tests.Suites.LongBench;

/// <summary>A bad line is reported with its file (or zip entry), line number and field.</summary>
public sealed class LongBenchMalformedTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("{\"_id\": ", "not valid JSON")]
    [InlineData("[1, 2]", "expected a JSON object, found Array")]
    [InlineData("\"context\": \"ctx\", ", "missing field `context`")]
    [InlineData("\"input\": \"\"", "field `input` must be a string, found Number", "\"input\": 5")]
    [InlineData("\"answers\": [\"a\"]", "field `answers` must be a list of strings, found String", "\"answers\": \"a\"")]
    [InlineData("\"answers\": [\"a\"]", "field `answers[1]` must be a string, found Number", "\"answers\": [\"a\", 2]")]
    [InlineData("\"answers\": [\"a\"]", "field `answers` is empty", "\"answers\": []")]
    [InlineData("\"answers\": [\"a\"]", "field `answers` must be a list of strings, found Null", "\"answers\": null")]
    [InlineData("\"length\": 3", "field `length` must be a non-negative integer, found 3.5", "\"length\": 3.5")]
    [InlineData("\"length\": 3", "field `length` must be a non-negative integer, found \"3\"", "\"length\": \"3\"")]
    [InlineData("\"all_classes\": null", "field `all_classes` must be a list of strings, found String", "\"all_classes\": \"x\"")]
    [InlineData("\"_id\": \"x-2\"", "field `_id` is empty", "\"_id\": \"\"")]
    [InlineData("\"_id\": \"x-2\"", "duplicate _id `x-1` (first on line 1)", "\"_id\": \"x-1\"")]
    public async Task Second_line_error_names_file_line_and_field(string find, string message, string? replace = null)
    {
        // A bare fragment with no replacement is the whole bad line, or a field to drop.
        var bad = replace is not null
            ? LongBenchTestData.Line("x-2", s => s.Replace(find, replace, StringComparison.Ordinal))
            : find.StartsWith('"') ? LongBenchTestData.Line("x-2", s => s.Replace(find, "", StringComparison.Ordinal)) : find;
        var text = LongBenchTestData.Line("x-1") + "\n" + bad + "\n";
        var path = _dir.File("lcc.jsonl");
        await File.WriteAllTextAsync(path, text);
        var zip = _dir.File("data.zip");
        await File.WriteAllBytesAsync(zip, LongBenchTestData.Zip([("data/lcc.jsonl", text)]));

        var fromFolder = await Assert.ThrowsAsync<EnergyGateException>(() => LongBenchLoader.LoadFromFolderAsync(_dir.Path, LongBenchTasks.Lcc));
        var fromZip = await Assert.ThrowsAsync<EnergyGateException>(() => LongBenchLoader.LoadFromZipAsync(zip, LongBenchTasks.Lcc));

        Assert.StartsWith($"{path}:2: {message}", fromFolder.Message, StringComparison.Ordinal);
        Assert.StartsWith($"{zip}!data/lcc.jsonl:2: {message}", fromZip.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Blank_lines_are_skipped_but_counted()
    {
        var text = "\n" + LongBenchTestData.Line("x-1") + "\n\n{bad\n";

        var ex = await Assert.ThrowsAsync<EnergyGateException>(() => Load(text));

        Assert.StartsWith("mem:4: not valid JSON", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Empty_file_has_no_records()
    {
        var ex = await Assert.ThrowsAsync<EnergyGateException>(() => Load("\n\n"));

        Assert.Equal("mem: contains no records", ex.Message);
    }

    [Fact]
    public async Task Missing_all_classes_means_null()
    {
        var record = Assert.Single(await Load(LongBenchTestData.Line(edit: s => s.Replace("\"all_classes\": null, ", "", StringComparison.Ordinal))));

        Assert.Null(record.AllClasses);
    }

    private static async Task<IReadOnlyList<LongBenchRecord>> Load(string text)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
        return await LongBenchLoader.LoadAsync(stream, "mem");
    }
}

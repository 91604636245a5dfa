using System.Text;
using System.Text.Json;
using EnergyGate.Core.Suites.Builder;
using EnergyGate.Core.Tests.TestSupport;

namespace EnergyGate.Core.Tests.Suites.Builder;

public sealed class LccJsonlTests
{
    private static readonly LccRecord Sample = new(
        "", "def f(x):\n    \"\"\"Say <hi> & 'bye'.\"\"\"\n", ["return x"], 6, "lcc", "python", null,
        LccBuilder.RecordId("pkg/f.py", 3));

    [Fact]
    public void A_record_is_one_line_with_longbench_field_names_in_longbench_order()
    {
        var line = LccJsonl.Serialize(Sample);

        Assert.DoesNotContain('\n', line);
        using var json = JsonDocument.Parse(line);
        Assert.Equal(
            ["input", "context", "answers", "length", "dataset", "language", "all_classes", "_id"],
            json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("all_classes").ValueKind);
        Assert.Contains("<hi> & 'bye'", line, StringComparison.Ordinal);
        var back = LccJsonl.Deserialize(line);
        Assert.Equal(Sample with { Answers = back.Answers }, back);
        Assert.Equal(Sample.Answers, back.Answers);
    }

    [Fact]
    public void Ids_are_48_hex_characters_and_depend_on_path_and_line()
    {
        Assert.Equal(48, Sample.Id.Length);
        Assert.Equal(Sample.Id, LccBuilder.RecordId("pkg/f.py", 3));
        Assert.NotEqual(Sample.Id, LccBuilder.RecordId("pkg/f.py", 4));
        Assert.NotEqual(Sample.Id, LccBuilder.RecordId("pkg/g.py", 3));
    }

    [Fact]
    public async Task The_file_is_utf8_without_bom_with_lf_lines_and_no_temp_file_left()
    {
        using var dir = new TempDir();
        var path = Path.Combine(dir.Path, "out", "lcc.jsonl");
        await File.WriteAllTextAsync(dir.File("old"), "x");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, "stale content that must be replaced\r\n");

        await LccJsonl.WriteAsync(path, [Sample, Sample with { Context = "é ünïcode\n" }]);

        var bytes = await File.ReadAllBytesAsync(path);
        Assert.NotEqual(0xEF, bytes[0]);
        var text = Encoding.UTF8.GetString(bytes);
        Assert.DoesNotContain('\r', text);
        Assert.EndsWith("}\n", text, StringComparison.Ordinal);
        Assert.Equal([LccJsonl.Serialize(Sample), LccJsonl.Serialize(Sample with { Context = "é ünïcode\n" })], text.TrimEnd('\n').Split('\n'));
        Assert.Contains("é ünïcode", text, StringComparison.Ordinal);
        Assert.Equal(["old", Path.Combine("out", "lcc.jsonl")], dir.AllFiles().Order(StringComparer.Ordinal));
    }
}

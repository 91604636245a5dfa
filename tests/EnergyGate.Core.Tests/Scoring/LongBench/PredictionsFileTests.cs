using EnergyGate.Core.Scoring.LongBench;
using EnergyGate.Core.Tests.TestSupport;

namespace EnergyGate.Core.Tests.Scoring.LongBench;

public sealed class PredictionsFileTests
{
    [Fact]
    public async Task Reads_pred_answers_and_length_and_ignores_all_classes()
    {
        using var dir = new TempDir();
        var path = dir.File("lcc.jsonl");
        await File.WriteAllTextAsync(path,
            """{"pred": "x = 1\n", "answers": ["x = 1", "x=1"], "all_classes": null, "length": 4000}""" + "\n\n" +
            """{"pred": "", "answers": []}""" + "\n");
        var predictions = await LongBenchPredictionsFile.ReadAsync(path, requireLength: false);
        Assert.Equal(2, predictions.Count);
        Assert.Equal(["x = 1", "x=1"], predictions[0].Answers);
        Assert.Equal(4000, predictions[0].Length);
        Assert.Equal(3, predictions[1].Line);
        Assert.Null(predictions[1].Length);
        Assert.Equal(1.0, predictions[0].CodeSimScore());
    }

    [Theory]
    [InlineData("""{"answers": ["a"]}""", "lcc.jsonl:1: missing field `pred` (expected a string).")]
    [InlineData("""{"pred": 3, "answers": ["a"]}""", "lcc.jsonl:1: field `pred` must be a string, found number.")]
    [InlineData("""{"pred": "a", "answers": "a"}""", "lcc.jsonl:1: field `answers` must be an array of strings, found string.")]
    [InlineData("""{"pred": "a", "answers": ["a", 1]}""", "lcc.jsonl:1: field `answers` must hold only strings, found number at index 1.")]
    [InlineData("""{"pred": "a", "answers": ["a"], "length": "9"}""", "lcc.jsonl:1: field `length` must be a number, found string.")]
    [InlineData("""[1]""", "lcc.jsonl:1: expected a JSON object")]
    [InlineData("""{"pred": """, "lcc.jsonl:1: not valid JSON")]
    public async Task A_malformed_line_names_the_line_and_field(string line, string message)
    {
        using var dir = new TempDir();
        var path = dir.File("lcc.jsonl");
        await File.WriteAllTextAsync(path, line + "\n");
        var error = await Assert.ThrowsAsync<EnergyGateException>(() => LongBenchPredictionsFile.ReadAsync(path, requireLength: false));
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LongBench_E_needs_a_length_on_every_line()
    {
        using var dir = new TempDir();
        var path = dir.File("lcc.jsonl");
        await File.WriteAllTextAsync(path, """{"pred": "a", "answers": ["a"], "length": 1}""" + "\n" + """{"pred": "a", "answers": ["a"]}""" + "\n");
        var error = await Assert.ThrowsAsync<EnergyGateException>(() => LongBenchPredictionsFile.ReadAsync(path, requireLength: true));
        Assert.Equal("lcc.jsonl:2: missing field `length` (expected a number; --e buckets by it).", error.Message);
    }

    [Fact]
    public async Task An_empty_file_is_an_error_because_the_mean_is_undefined()
    {
        using var dir = new TempDir();
        var path = dir.File("lcc.jsonl");
        await File.WriteAllTextAsync(path, "\n");
        var error = await Assert.ThrowsAsync<EnergyGateException>(() => LongBenchPredictionsFile.ReadAsync(path, requireLength: false));
        Assert.Contains("has no predictions", error.Message, StringComparison.Ordinal);
    }
}

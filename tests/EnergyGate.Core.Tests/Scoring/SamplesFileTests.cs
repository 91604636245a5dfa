using EnergyGate.Core.Scoring;
using EnergyGate.Core.Tests.TestSupport;

namespace EnergyGate.Core.Tests.Scoring;

public sealed class SamplesFileTests
{
    [Fact]
    public async Task Reads_samples_and_keeps_extra_fields()
    {
        using var dir = new TempDir();
        var path = dir.File("samples.jsonl");
        await File.WriteAllTextAsync(path, "{\"task_id\": \"HumanEval/0\", \"completion\": \"    return 1\\n\", \"model\": \"m\"}\n\n{\"task_id\": \"HumanEval/1\", \"completion\": \"\"}\n");
        var samples = await SamplesFile.ReadAsync(path);
        Assert.Equal(2, samples.Count);
        Assert.Equal(3, samples[1].Line);
        var line = SamplesFile.ResultLine(samples[0], new ExecutionResult(SampleOutcome.Failed, "AssertionError: x", TimeSpan.Zero));
        Assert.Equal("{\"task_id\":\"HumanEval/0\",\"completion\":\"    return 1\\n\",\"model\":\"m\",\"result\":\"failed: AssertionError: x\",\"passed\":false}", line);
    }

    [Theory]
    [InlineData("{\"task_id\": \"HumanEval/0\"}", "samples.jsonl:2: missing field `completion`")]
    [InlineData("{\"task_id\": 5, \"completion\": \"\"}", "samples.jsonl:2: field `task_id` must be a string, found number")]
    [InlineData("{\"task_id\": \"HumanEval/0\", \"completion\": ", "samples.jsonl:2: not valid JSON")]
    [InlineData("[1, 2]", "samples.jsonl:2: expected a JSON object")]
    public async Task Malformed_lines_name_the_file_and_line(string badLine, string expected)
    {
        using var dir = new TempDir();
        var path = dir.File("samples.jsonl");
        await File.WriteAllTextAsync(path, "{\"task_id\": \"HumanEval/0\", \"completion\": \"\"}\n" + badLine + "\n");
        var error = await Assert.ThrowsAsync<EnergyGateException>(() => SamplesFile.ReadAsync(path));
        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_file_is_a_clear_error()
    {
        var error = await Assert.ThrowsAsync<EnergyGateException>(() => SamplesFile.ReadAsync("/nonexistent/samples.jsonl"));
        Assert.Contains("/nonexistent/samples.jsonl", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Results_are_streamed_to_a_partial_file_then_written_in_input_order()
    {
        using var dir = new TempDir();
        var target = dir.File("s.jsonl_results.jsonl");
        var a = new ScoredSample(new HumanEvalSample(1, "A", "", new() { ["task_id"] = "A", ["completion"] = "" }), new(SampleOutcome.Passed, "", TimeSpan.Zero));
        var b = new ScoredSample(new HumanEvalSample(2, "B", "", new() { ["task_id"] = "B", ["completion"] = "" }), new(SampleOutcome.TimedOut, "", TimeSpan.Zero));
        await using (var writer = new ResultsFileWriter(target))
        {
            await writer.AppendAsync(b, default);
            Assert.Contains("\"B\"", await ReadShared(writer.PartialPath), StringComparison.Ordinal);
            Assert.False(File.Exists(target));
            await writer.CompleteAsync([a, b], default);
            Assert.False(File.Exists(writer.PartialPath));
        }
        var lines = await File.ReadAllLinesAsync(target);
        Assert.Equal(2, lines.Length);
        Assert.Contains("\"task_id\":\"A\"", lines[0], StringComparison.Ordinal);
        Assert.Contains("\"result\":\"timed out\",\"passed\":false", lines[1], StringComparison.Ordinal);
    }

    private static async Task<string> ReadShared(string path)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }
}

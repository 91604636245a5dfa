using EnergyGate.Core.Scoring;
using EnergyGate.Core.Scoring.LongBench;
using EnergyGate.Core.Tests.TestSupport;

namespace EnergyGate.Core.Tests.Scoring;

/// <summary>Invalid UTF-8 in an input file is an error naming the spot, never silently replaced by U+FFFD.</summary>
public sealed class Utf8InputTests
{
    private static readonly byte[] FirstLine = "{\"task_id\": \"HumanEval/0\", \"completion\": \"\"}\n"u8.ToArray();

    [Fact]
    public async Task A_samples_file_with_an_invalid_byte_names_file_line_and_offset()
    {
        using var dir = new TempDir();
        var path = dir.File("samples.jsonl");
        // Line 2: a lone 0xFF inside the completion, after the 17 bytes of '{"completion": "x'.
        await File.WriteAllBytesAsync(path, [.. FirstLine, .. "{\"completion\": \"x"u8, 0xFF, .. "\", \"task_id\": \"HumanEval/1\"}\n"u8]);

        var ex = await Assert.ThrowsAsync<EnergyGateException>(() => SamplesFile.ReadAsync(path));

        Assert.Equal(
            $"samples.jsonl:2: invalid UTF-8 at byte offset {FirstLine.Length + 17} of the samples file (byte 18 of the line is 0xFF); save '{path}' as UTF-8.",
            ex.Message);
    }

    [Fact]
    public async Task A_predictions_file_with_a_truncated_sequence_names_file_line_and_offset()
    {
        using var dir = new TempDir();
        var path = dir.File("lcc.jsonl");
        // 0xC3 starts a two-byte sequence ("é" is C3 A9) but is followed by '"'.
        await File.WriteAllBytesAsync(path, [.. "{\"pred\": \"caf"u8, 0xC3, .. "\", \"answers\": [\"a\"]}\n"u8]);

        var ex = await Assert.ThrowsAsync<EnergyGateException>(() => LongBenchPredictionsFile.ReadAsync(path, requireLength: false));

        Assert.Equal($"lcc.jsonl:1: invalid UTF-8 at byte offset 13 of the predictions file (byte 14 of the line is 0xC3); save '{path}' as UTF-8.", ex.Message);
    }

    [Fact]
    public async Task Valid_multi_byte_text_a_byte_order_mark_and_crlf_still_read()
    {
        using var dir = new TempDir();
        var path = dir.File("lcc.jsonl");
        await File.WriteAllBytesAsync(path, [0xEF, 0xBB, 0xBF, .. "{\"pred\": \"café 😀\", \"answers\": [\"a\"]}\r\n"u8]);

        var prediction = Assert.Single(await LongBenchPredictionsFile.ReadAsync(path, requireLength: false));

        Assert.Equal("café 😀", prediction.Prediction);
    }
}

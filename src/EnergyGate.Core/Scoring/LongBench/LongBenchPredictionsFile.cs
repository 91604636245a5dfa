using System.Text.Json;
using System.Text.Json.Nodes;

namespace EnergyGate.Core.Scoring.LongBench;

/// <summary>Reads LongBench predictions (JSONL); a malformed line is an error naming the line and field, invalid UTF-8 the byte offset.</summary>
public static class LongBenchPredictionsFile
{
    /// <summary>
    /// Every prediction in the file. <c>all_classes</c> is accepted and ignored (the code tasks have
    /// none); with <paramref name="requireLength"/> (LongBench-E) every line needs a numeric <c>length</c>.
    /// </summary>
    public static async Task<IReadOnlyList<LongBenchPrediction>> ReadAsync(string path, bool requireLength, CancellationToken ct = default)
    {
        if (!File.Exists(path))
        {
            throw new EnergyGateException($"predictions file '{path}' does not exist.");
        }
        var predictions = new List<LongBenchPrediction>();
        foreach (var (lineNumber, line) in await Utf8Lines.ReadAsync(path, "predictions file", ct))
        {
            if (!string.IsNullOrWhiteSpace(line))
            {
                predictions.Add(Parse($"{Path.GetFileName(path)}:{lineNumber}", lineNumber, line, requireLength));
            }
        }
        return predictions.Count > 0
            ? predictions
            : throw new EnergyGateException($"predictions file '{path}' has no predictions (LongBench's score needs at least one).");
    }

    internal static LongBenchPrediction Parse(string where, int lineNumber, string line, bool requireLength)
    {
        JsonObject fields;
        try
        {
            fields = JsonNode.Parse(line) as JsonObject
                ?? throw new EnergyGateException($"{where}: expected a JSON object like {{\"pred\": ..., \"answers\": [...], \"length\": ...}}.");
        }
        catch (JsonException ex)
        {
            throw new EnergyGateException($"{where}: not valid JSON: {ex.Message}", ex);
        }
        var pred = Field(fields, "pred", JsonValueKind.String, "a string", where)!.GetValue<string>();
        var answers = Field(fields, "answers", JsonValueKind.Array, "an array of strings", where)!.AsArray();
        var texts = new List<string>(answers.Count);
        foreach (var answer in answers)
        {
            if (answer is null || answer.GetValueKind() != JsonValueKind.String)
            {
                throw new EnergyGateException($"{where}: field `answers` must hold only strings, found {Kind(answer)} at index {texts.Count}.");
            }
            texts.Add(answer.GetValue<string>());
        }
        double? length = null;
        if (fields.ContainsKey("length") || requireLength)
        {
            var hint = requireLength ? "a number; --e buckets by it" : "a number";
            length = Field(fields, "length", JsonValueKind.Number, hint, where)!.GetValue<double>();
        }
        return new LongBenchPrediction(lineNumber, pred, texts, length);
    }

    private static JsonNode? Field(JsonObject fields, string name, JsonValueKind kind, string expected, string where)
    {
        if (!fields.TryGetPropertyValue(name, out var node))
        {
            throw new EnergyGateException($"{where}: missing field `{name}` (expected {expected}).");
        }
        return node is not null && node.GetValueKind() == kind
            ? node
            : throw new EnergyGateException($"{where}: field `{name}` must be {expected}, found {Kind(node)}.");
    }

    private static string Kind(JsonNode? node) => node is null ? "null" : node.GetValueKind().ToString().ToLowerInvariant();
}

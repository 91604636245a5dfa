using System.IO.Compression;
using System.Text.Json;
using EnergyGate.Core.Suites.HumanEval;

namespace EnergyGate.Core.Suites.EvalPlus;

/// <summary>
/// The reading every JSONL problem loader shares: a file or stream (plain or gzip), one object a line,
/// blank lines skipped, unique task ids, errors that name the file, line and field.
/// </summary>
internal static class JsonlRecords
{
    /// <summary>Reads every record of <paramref name="path"/> with <paramref name="parse"/> (given the object and "file:line").</summary>
    public static IReadOnlyList<CodeProblem> Load(string path, Func<JsonElement, string, CodeProblem> parse)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new EnergyGateException($"{path}: file not found");
        }
        using var stream = File.OpenRead(path);
        return Load(stream, path, parse);
    }

    /// <summary>Reads every record of <paramref name="stream"/>; <paramref name="sourceName"/> names it in errors.</summary>
    public static IReadOnlyList<CodeProblem> Load(Stream stream, string sourceName, Func<JsonElement, string, CodeProblem> parse)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sourceName);
        ArgumentNullException.ThrowIfNull(parse);
        try
        {
            using var text = HumanEvalLoader.OpenText(stream);
            var problems = new List<CodeProblem>();
            var firstLineOfTask = new Dictionary<string, int>(StringComparer.Ordinal);
            var lineNumber = 0;
            while (text.ReadLine() is { } line)
            {
                lineNumber++;
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }
                var where = $"{sourceName}:{lineNumber}";
                CodeProblem problem;
                using (var document = JsonLine.ParseObject(line, where))
                {
                    problem = parse(document.RootElement, where);
                }
                if (!firstLineOfTask.TryAdd(problem.TaskId, lineNumber))
                {
                    throw new EnergyGateException($"{where}: duplicate task_id `{problem.TaskId}` (first on line {firstLineOfTask[problem.TaskId]})");
                }
                problems.Add(problem);
            }
            return problems.Count > 0 ? problems : throw new EnergyGateException($"{sourceName}: contains no problems");
        }
        catch (InvalidDataException ex)
        {
            throw new EnergyGateException($"{sourceName}: corrupt gzip data: {ex.Message}", ex);
        }
    }

    /// <summary>A string field; empty refused unless <paramref name="allowEmpty"/>.</summary>
    public static string String(JsonElement record, string name, string where, bool allowEmpty = false)
    {
        var value = Required(record, name, where);
        if (value.ValueKind != JsonValueKind.String)
        {
            throw new EnergyGateException($"{where}: field `{name}` must be a string, found {value.ValueKind}");
        }
        var text = value.GetString()!;
        return allowEmpty || !string.IsNullOrWhiteSpace(text) ? text : throw new EnergyGateException($"{where}: field `{name}` is empty");
    }

    /// <summary>A string or a whole number (MBPP's task ids are numbers), as text.</summary>
    public static string Id(JsonElement record, string name, string where)
    {
        var value = Required(record, name, where);
        return value.ValueKind switch
        {
            JsonValueKind.String when !string.IsNullOrWhiteSpace(value.GetString()) => value.GetString()!,
            JsonValueKind.Number when value.TryGetInt64(out var number) => number.ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ => throw new EnergyGateException($"{where}: field `{name}` must be a non-empty string or a whole number, found {value.GetRawText()}"),
        };
    }

    /// <summary>An array field.</summary>
    public static JsonElement Array(JsonElement record, string name, string where)
    {
        var value = Required(record, name, where);
        return value.ValueKind == JsonValueKind.Array
            ? value
            : throw new EnergyGateException($"{where}: field `{name}` must be an array, found {value.ValueKind}");
    }

    /// <summary>A non-negative number field, or <paramref name="absent"/> when the record has none.</summary>
    public static double Number(JsonElement record, string name, string where, double absent)
    {
        if (!record.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return absent;
        }
        return value.ValueKind == JsonValueKind.Number && value.GetDouble() is var number && number >= 0 && double.IsFinite(number)
            ? number
            : throw new EnergyGateException($"{where}: field `{name}` must be a non-negative number, found {value.GetRawText()}");
    }

    private static JsonElement Required(JsonElement record, string name, string where) =>
        record.TryGetProperty(name, out var value) ? value : throw new EnergyGateException($"{where}: missing field `{name}`");
}

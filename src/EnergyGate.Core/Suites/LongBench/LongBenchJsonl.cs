using System.Text;
using System.Text.Json;

namespace EnergyGate.Core.Suites.LongBench;

/// <summary>Parses LongBench JSONL, naming source, line and field for anything malformed.</summary>
internal static class LongBenchJsonl
{
    public static async Task<IReadOnlyList<LongBenchRecord>> ReadAsync(Stream stream, string sourceName, CancellationToken ct)
    {
        using var text = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        var records = new List<LongBenchRecord>();
        var firstLineOfId = new Dictionary<string, int>(StringComparer.Ordinal);
        var lineNumber = 0;
        // Line by line: a task file is tens of MB, and only one line's JSON is alive at a time.
        while (await text.ReadLineAsync(ct) is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            var where = $"{sourceName}:{lineNumber}";
            var record = Parse(line, where);
            if (!firstLineOfId.TryAdd(record.Id, lineNumber))
            {
                throw new EnergyGateException($"{where}: duplicate _id `{record.Id}` (first on line {firstLineOfId[record.Id]})");
            }
            records.Add(record);
        }
        return records.Count > 0 ? records : throw new EnergyGateException($"{sourceName}: contains no records");
    }

    private static LongBenchRecord Parse(string line, string where)
    {
        using (var document = JsonLine.ParseObject(line, where))
        {
            var root = document.RootElement;
            var id = String(root, "_id", where);
            if (id.Length == 0)
            {
                throw new EnergyGateException($"{where}: field `_id` is empty");
            }
            var answers = Strings(Required(root, "answers", where), "answers", where)
                ?? throw new EnergyGateException($"{where}: field `answers` must be a list of strings, found Null");
            if (answers.Count == 0)
            {
                throw new EnergyGateException($"{where}: field `answers` is empty");
            }
            // all_classes is null for every task but the classification ones; an absent field means the same.
            var allClasses = root.TryGetProperty("all_classes", out var classes) ? Strings(classes, "all_classes", where) : null;
            return new LongBenchRecord(
                Id: id,
                Input: String(root, "input", where),
                Context: String(root, "context", where),
                Answers: answers,
                Length: Length(root, where),
                Dataset: String(root, "dataset", where),
                Language: String(root, "language", where),
                AllClasses: allClasses);
        }
    }

    private static JsonElement Required(JsonElement root, string name, string where) =>
        root.TryGetProperty(name, out var value) ? value : throw new EnergyGateException($"{where}: missing field `{name}`");

    private static string String(JsonElement root, string name, string where)
    {
        var value = Required(root, name, where);
        return value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new EnergyGateException($"{where}: field `{name}` must be a string, found {value.ValueKind}");
    }

    private static int Length(JsonElement root, string where)
    {
        var value = Required(root, "length", where);
        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var length) && length >= 0
            ? length
            : throw new EnergyGateException($"{where}: field `length` must be a non-negative integer, found {value.GetRawText()}");
    }

    /// <summary>A list of strings, or null for JSON null.</summary>
    private static List<string>? Strings(JsonElement value, string name, string where)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw new EnergyGateException($"{where}: field `{name}` must be a list of strings, found {value.ValueKind}");
        }
        var items = new List<string>(value.GetArrayLength());
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            items.Add(item.ValueKind == JsonValueKind.String
                ? item.GetString()!
                : throw new EnergyGateException($"{where}: field `{name}[{index}]` must be a string, found {item.ValueKind}"));
            index++;
        }
        return items;
    }
}

using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace EnergyGate.Core.Suites.Builder;

/// <summary>Writes lcc records as LongBench JSONL: one compact object per line, UTF-8 without BOM, LF newlines.</summary>
public static class LccJsonl
{
    // Relaxed escaping keeps code readable in the file (quotes aside, `<`, `&` and `'` are common in source).
    private static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>One record as a single JSON line, without the newline.</summary>
    public static string Serialize(LccRecord record) => JsonSerializer.Serialize(record, Options);

    /// <summary>Parses one line written by <see cref="Serialize"/> (or taken from LongBench's lcc.jsonl).</summary>
    /// <exception cref="JsonException">The line is not a record.</exception>
    public static LccRecord Deserialize(string line) =>
        JsonSerializer.Deserialize<LccRecord>(line, Options) ?? throw new JsonException("the line is `null`, not a record");

    /// <summary>Writes the records to a temp file next to <paramref name="path"/> and moves it over the target, so readers never see half a suite.</summary>
    public static async Task WriteAsync(string path, IEnumerable<LccRecord> records, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(records);
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temp = $"{full}.{Guid.NewGuid():N}.tmp";
        try
        {
            await using (var writer = new StreamWriter(temp, append: false, new UTF8Encoding(false)) { NewLine = "\n" })
            {
                foreach (var record in records)
                {
                    await writer.WriteLineAsync(Serialize(record).AsMemory(), ct);
                }
            }
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }
}

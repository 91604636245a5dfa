using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace EnergyGate.Core.Suites.HumanEval;

/// <summary>
/// Reads problems in the HumanEval JSONL format (one object a line with <c>task_id</c>, <c>prompt</c>,
/// <c>entry_point</c>, <c>canonical_solution</c>, <c>test</c>), plain or gzip-compressed.
/// </summary>
public static class HumanEvalLoader
{
    private static readonly byte[] GzipMagic = [0x1f, 0x8b];

    /// <summary>Loads every problem from a <c>.jsonl</c> or <c>.jsonl.gz</c> file.</summary>
    /// <param name="path">The file; gzip is detected from its first bytes, not its extension.</param>
    /// <exception cref="EnergyGateException">The file is missing or malformed; the message names file, line and field.</exception>
    public static IReadOnlyList<CodeProblem> Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new EnergyGateException($"{path}: file not found");
        }
        using var stream = File.OpenRead(path);
        return Load(stream, path);
    }

    /// <summary>Loads every problem from a stream of JSONL, plain or gzip-compressed.</summary>
    /// <param name="stream">The data; read to its end but not disposed.</param>
    /// <param name="sourceName">Names the data in error messages, e.g. the file path.</param>
    /// <exception cref="EnergyGateException">The data is malformed; the message names source, line and field.</exception>
    public static IReadOnlyList<CodeProblem> Load(Stream stream, string sourceName) =>
        // The JSONL walk (gzip, blank lines, duplicate ids, empty files) is shared with the EvalPlus loaders.
        EvalPlus.JsonlRecords.Load(stream, sourceName, ParseRecord);

    internal static StreamReader OpenText(Stream stream)
    {
        var magic = new byte[GzipMagic.Length];
        var read = stream.ReadAtLeast(magic, magic.Length, throwOnEndOfStream: false);
        // The magic bytes are already consumed, so replay them in front of the rest of the stream.
        Stream replayed = new PrefixedStream(magic.AsMemory(0, read), stream);
        if (magic.AsSpan(0, read).SequenceEqual(GzipMagic))
        {
            replayed = new GZipStream(replayed, CompressionMode.Decompress);
        }
        return new StreamReader(replayed, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
    }

    private static CodeProblem ParseRecord(JsonElement root, string where) =>
        new(
            TaskId: Field(root, "task_id", where, allowEmpty: false),
            Prompt: Field(root, "prompt", where, allowEmpty: false),
            EntryPoint: Field(root, "entry_point", where, allowEmpty: false),
            // Some derived datasets ship without a reference solution; the tests are what score.
            CanonicalSolution: Field(root, "canonical_solution", where, allowEmpty: true),
            Test: Field(root, "test", where, allowEmpty: false));

    private static string Field(JsonElement root, string name, string where, bool allowEmpty)
    {
        if (!root.TryGetProperty(name, out var value))
        {
            throw new EnergyGateException($"{where}: missing field `{name}`");
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            throw new EnergyGateException($"{where}: field `{name}` must be a string, found {value.ValueKind}");
        }
        var text = value.GetString()!;
        if (!allowEmpty && string.IsNullOrWhiteSpace(text))
        {
            throw new EnergyGateException($"{where}: field `{name}` is empty");
        }
        return text;
    }
}

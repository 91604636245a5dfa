using System.Globalization;
using System.Text;
using System.Text.Unicode;

namespace EnergyGate.Core.Scoring;

/// <summary>
/// The lines of a UTF-8 text file (JSONL inputs), refusing invalid bytes. A StreamReader would replace
/// them with U+FFFD, so a completion or prediction would be scored on text the model never wrote.
/// </summary>
internal static class Utf8Lines
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Every line, numbered from 1, split at '\n' with a trailing '\r' removed; a leading byte-order
    /// mark is skipped as StreamReader does.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="kind">What the file is, for the message, e.g. <c>samples file</c>.</param>
    /// <param name="ct">Cancels the read.</param>
    /// <exception cref="EnergyGateException">A byte sequence is not UTF-8; names the file, line, byte offset and byte.</exception>
    public static async Task<List<(int Number, string Text)>> ReadAsync(string path, string kind, CancellationToken ct)
    {
        var bytes = await File.ReadAllBytesAsync(path, ct);
        var lines = new List<(int, string)>();
        var start = bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? Encoding.UTF8.Preamble.Length : 0;
        for (var number = 1; start < bytes.Length; number++)
        {
            var end = Array.IndexOf(bytes, (byte)'\n', start);
            var next = end < 0 ? bytes.Length : end + 1;
            var line = bytes.AsSpan(start, (end < 0 ? bytes.Length : end) - start);
            if (line.EndsWith((byte)'\r'))
            {
                line = line[..^1];
            }
            if (!Utf8.IsValid(line))
            {
                throw Invalid(path, kind, number, start, line);
            }
            lines.Add((number, Strict.GetString(line)));
            start = next;
        }
        return lines;
    }

    private static EnergyGateException Invalid(string path, string kind, int number, int lineStart, ReadOnlySpan<byte> line)
    {
        var column = 0;
        while (Rune.DecodeFromUtf8(line[column..], out _, out var consumed) == System.Buffers.OperationStatus.Done)
        {
            column += consumed;
        }
        return new EnergyGateException(string.Create(CultureInfo.InvariantCulture,
            $"{Path.GetFileName(path)}:{number}: invalid UTF-8 at byte offset {lineStart + column} of the {kind} (byte {column + 1} of the line is 0x{line[column]:X2}); save '{path}' as UTF-8."));
    }
}

using System.Text;
using System.Text.Json;

namespace EnergyGate.Core.Measurement;

/// <summary>
/// The append-only results file of a run (JSONL). Every record is written and flushed the moment
/// it exists, so a crash loses at most the line being written; <see cref="OpenAsync"/> with
/// resume reads what is there, drops a torn last line, and continues after it.
/// </summary>
public sealed class ResultsJournal : IAsyncDisposable
{
    /// <summary>Options shared by every reader and writer of results files.</summary>
    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly StreamWriter _writer;
    private readonly SemaphoreSlim _lock = new(1, 1);

    private ResultsJournal(string path, StreamWriter writer, RunHeader header, List<JournalRecord> existing)
    {
        Path = path;
        _writer = writer;
        Header = header;
        Existing = existing;
    }

    /// <summary>The results file.</summary>
    public string Path { get; }

    /// <summary>The run's header (the one read back when resuming).</summary>
    public RunHeader Header { get; }

    /// <summary>Records already in the file when it was opened (empty for a new run).</summary>
    public IReadOnlyList<JournalRecord> Existing { get; }

    /// <summary>
    /// Starts a new results file with <paramref name="header"/>, or with <paramref name="resume"/>
    /// reopens an existing one whose header has the same settings hash.
    /// </summary>
    public static async Task<ResultsJournal> OpenAsync(string path, RunHeader header, bool resume, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(header);
        if (!resume)
        {
            if (File.Exists(path))
            {
                throw new EnergyGateException($"results file '{path}' already exists; pass --resume to continue it or choose another --results path.");
            }
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
            var fresh = new StreamWriter(new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read), new UTF8Encoding(false));
            var journal = new ResultsJournal(path, fresh, header, []);
            await journal.AppendAsync(header, ct);
            return journal;
        }
        var (records, validLength) = await ReadAsync(path, ct);
        if (records.Count == 0 || records[0] is not RunHeader existingHeader)
        {
            throw new EnergyGateException($"{path}: cannot resume: the file does not start with a run header line.");
        }
        if (existingHeader.SettingsHash != header.SettingsHash)
        {
            throw new EnergyGateException(
                $"{path}: cannot resume: it was recorded with other settings (hash {existingHeader.SettingsHash}, now {header.SettingsHash}); start a new run instead.");
        }
        if (!(existingHeader.Shard is null && header.Shard is null) && existingHeader.Shard?.SameShard(header.Shard) != true)
        {
            throw new EnergyGateException(
                $"{path}: cannot resume: it holds {ShardText(existingHeader.Shard)}, this run is {ShardText(header.Shard)}; resume it with the same --shard, or start a new file.");
        }
        var stream = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.Read);
        stream.SetLength(validLength);   // a line torn by a crash is dropped, then rewritten
        stream.Seek(validLength, SeekOrigin.Begin);
        return new ResultsJournal(path, new StreamWriter(stream, new UTF8Encoding(false)), existingHeader, records);
    }

    private static string ShardText(Sharding.ShardInfo? shard) =>
        shard is null ? "the whole plan" : $"shard {shard.Label} of plan {shard.PlanHash}";

    /// <summary>Reads every complete record; returns them and the byte length of the complete part.</summary>
    public static async Task<(List<JournalRecord> Records, long ValidLength)> ReadAsync(string path, CancellationToken ct = default)
    {
        if (!File.Exists(path))
        {
            throw new EnergyGateException($"results file '{path}' does not exist.");
        }
        var bytes = await File.ReadAllBytesAsync(path, ct);
        var records = new List<JournalRecord>();
        var start = 0;
        var lineNumber = 0;
        while (start < bytes.Length)
        {
            var end = Array.IndexOf(bytes, (byte)'\n', start);
            if (end < 0)
            {
                break;   // no newline: the writer died mid-line
            }
            lineNumber++;
            var line = new ReadOnlySpan<byte>(bytes, start, end - start);
            try
            {
                records.Add(JsonSerializer.Deserialize<JournalRecord>(line, JsonOptions)
                    ?? throw new JsonException("null record"));
            }
            catch (JsonException ex)
            {
                throw new EnergyGateException($"{path}:{lineNumber}: not a results record: {ex.Message}", ex);
            }
            start = end + 1;
        }
        return (records, start);
    }

    /// <summary>Appends one record and flushes it to disk.</summary>
    public async Task AppendAsync(JournalRecord record, CancellationToken ct = default)
    {
        var line = JsonSerializer.Serialize(record, JsonOptions);
        await _lock.WaitAsync(ct);
        try
        {
            await _writer.WriteLineAsync(line.AsMemory(), ct);
            await _writer.FlushAsync(ct);
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Closes the file.</summary>
    public async ValueTask DisposeAsync()
    {
        await _writer.DisposeAsync();
        _lock.Dispose();
    }
}

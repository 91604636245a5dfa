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
    private readonly List<JournalRecord> _records;

    private ResultsJournal(string path, StreamWriter writer, RunHeader header, List<JournalRecord> existing)
    {
        Path = path;
        _writer = writer;
        Header = header;
        Existing = [.. existing];
        _records = existing;
    }

    /// <summary>The results file.</summary>
    public string Path { get; }

    /// <summary>The run's header (the one read back when resuming).</summary>
    public RunHeader Header { get; }

    /// <summary>Records already in the file when it was opened (empty for a new run).</summary>
    public IReadOnlyList<JournalRecord> Existing { get; }

    /// <summary>
    /// Every record in the file now: those there when it was opened and those appended since. The
    /// writer holds the file locked, so this is how the run itself reads what it wrote.
    /// </summary>
    public async Task<IReadOnlyList<JournalRecord>> RecordsAsync(CancellationToken ct = default)
    {
        await _lock.WaitAsync(ct);
        try
        {
            return [.. _records];
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>
    /// Starts a new results file with <paramref name="header"/>, or with <paramref name="resume"/>
    /// reopens an existing one whose header has the same settings hash. The file stays locked
    /// (exclusive, EG2046) until the journal is disposed, so two runs can never interleave lines.
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
            var fresh = new StreamWriter(Lock(path, FileMode.CreateNew), new UTF8Encoding(false));
            var journal = new ResultsJournal(path, fresh, header, []);
            await journal.AppendAsync(header, ct);
            return journal;
        }
        if (!File.Exists(path))
        {
            throw new EnergyGateException($"results file '{path}' does not exist.");
        }
        // Locked before reading: a second resume is refused instead of reading lines the first is still writing.
        var stream = Lock(path, FileMode.Open);
        try
        {
            var bytes = new byte[stream.Length];
            await stream.ReadExactlyAsync(bytes, ct);
            var (records, validLength) = Parse(bytes, path);
            RequireSameRun(path, records, header);
            stream.SetLength(validLength);   // a line torn by a crash is dropped, then rewritten
            stream.Seek(validLength, SeekOrigin.Begin);
            return new ResultsJournal(path, new StreamWriter(stream, new UTF8Encoding(false)), (RunHeader)records[0], records);
        }
        catch
        {
            await stream.DisposeAsync();
            throw;
        }
    }

    // FileShare.None takes an exclusive lock: on Unix .NET adds flock(LOCK_EX), which every other
    // .NET process opening the file (any FileShare) respects, and so does flock(1).
    private static FileStream Lock(string path, FileMode mode)
    {
        try
        {
            return new FileStream(path, mode, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e) when (FileLocks.IsLocked(e))
        {
            throw new EnergyGateException(
                $"EG2046: another `run` is writing {path} (locked); wait for it or use another --results.", e);
        }
    }

    private static void RequireSameRun(string path, List<JournalRecord> records, RunHeader header)
    {
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
    }

    private static string ShardText(Sharding.ShardInfo? shard) =>
        shard is null ? "the whole plan" : $"shard {shard.Label} of plan {shard.PlanHash}";

    /// <summary>Raised with the full path before each <see cref="ReadAsync"/>: lets tests count reads of a large file.</summary>
    internal static event Action<string>? Reading;

    /// <summary>
    /// Reads every complete record; returns them and the byte length of the complete part. Refuses
    /// (EG2044) a second run header or a sample or score seen twice, and (EG2045) numbers that are
    /// not finite, negative or absurd, naming the line.
    /// </summary>
    public static async Task<(List<JournalRecord> Records, long ValidLength)> ReadAsync(string path, CancellationToken ct = default)
    {
        Reading?.Invoke(System.IO.Path.GetFullPath(path));
        if (!File.Exists(path))
        {
            throw new EnergyGateException($"results file '{path}' does not exist.");
        }
        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(path, ct);
        }
        catch (IOException e) when (FileLocks.IsLocked(e))
        {
            throw new EnergyGateException($"EG2046: {path} is locked: a `run` is still writing it; wait for it to finish, then read the file.", e);
        }
        return Parse(bytes, path);
    }

    /// <summary>
    /// Applies <see cref="ReadAsync"/>'s rules to records this process wrote (in file order: the
    /// header first), so a run can summarise what it wrote without reading the file back.
    /// </summary>
    public static void Validate(IReadOnlyList<JournalRecord> records, string path)
    {
        ArgumentNullException.ThrowIfNull(records);
        var validator = new JournalValidator(path);
        for (var i = 0; i < records.Count; i++)
        {
            validator.Check(records[i], i + 1);
        }
    }

    private static string Field(JsonException e) =>
        string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "" : $"field `{e.Path.TrimStart('$', '.')}`: ";

    private static (List<JournalRecord> Records, long ValidLength) Parse(byte[] bytes, string path)
    {
        var records = new List<JournalRecord>();
        var validator = new JournalValidator(path);
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
            JournalRecord record;
            try
            {
                record = JsonSerializer.Deserialize<JournalRecord>(line, JsonOptions) ?? throw new JsonException("null record");
            }
            catch (JsonException ex)
            {
                throw new EnergyGateException($"{path}:{lineNumber}: not a results record: {Field(ex)}{Baselines.JsonErrorText.What(ex)}", ex);
            }
            validator.Check(record, lineNumber);
            records.Add(record);
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
            _records.Add(record);
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

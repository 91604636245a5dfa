using System.Buffers.Text;
using System.Globalization;

namespace EnergyGate.Core.Energy;

/// <summary>
/// Reads small sysfs/procfs files. Injected so tests (which run as root, where chmod cannot deny
/// access) can simulate permission errors and scripted counters.
/// </summary>
public interface IFileReader
{
    /// <summary>The file's text. Throws <see cref="UnauthorizedAccessException"/> or <see cref="IOException"/>.</summary>
    string ReadText(string path);

    /// <summary>The file's content as an integer (sysfs counters); the sampler's hot path.</summary>
    long ReadInt64(string path) => long.Parse(ReadText(path).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture);

    /// <summary>A counter file read again and again; the default re-reads through <see cref="ReadInt64"/>.</summary>
    ICounterFile OpenCounter(string path) => new PathCounterFile(this, path);
}

/// <summary>An integer file polled by the sampler.</summary>
public interface ICounterFile : IDisposable
{
    /// <summary>The current value.</summary>
    long Read();
}

internal sealed class PathCounterFile(IFileReader reader, string path) : ICounterFile
{
    public long Read() => reader.ReadInt64(path);

    public void Dispose() { }
}

/// <summary>The real file system; counter reads parse from a stack buffer without allocating strings.</summary>
public sealed class SysfsFileReader : IFileReader
{
    /// <summary>The shared instance.</summary>
    public static SysfsFileReader Instance { get; } = new();

    /// <inheritdoc/>
    public string ReadText(string path) => File.ReadAllText(path);

    /// <inheritdoc/>
    public long ReadInt64(string path)
    {
        using var handle = File.OpenHandle(path);
        return ReadAt0(handle, path);
    }

    /// <summary>
    /// Keeps the file open and re-reads it at offset 0: sysfs (seq_file) regenerates an attribute's
    /// text on every read from offset 0, so a poll is one pread instead of open/fstat/flock/read/close.
    /// </summary>
    public ICounterFile OpenCounter(string path) => new HandleCounterFile(File.OpenHandle(path), path);

    private static long ReadAt0(Microsoft.Win32.SafeHandles.SafeFileHandle handle, string path)
    {
        Span<byte> buffer = stackalloc byte[32];
        var length = RandomAccess.Read(handle, buffer, 0);
        var text = buffer[..length].TrimEnd("\n "u8);
        return Utf8Parser.TryParse(text, out long value, out var used) && used == text.Length
            ? value
            : throw new IOException($"{path}: not an integer");
    }

    private sealed class HandleCounterFile(Microsoft.Win32.SafeHandles.SafeFileHandle handle, string path) : ICounterFile
    {
        public long Read() => ReadAt0(handle, path);

        public void Dispose() => handle.Dispose();
    }
}

/// <summary>A reader backed by a function, for tests.</summary>
/// <param name="read">Returns a file's text or throws like the real reader.</param>
public sealed class DelegateFileReader(Func<string, string> read) : IFileReader
{
    /// <inheritdoc/>
    public string ReadText(string path) => read(path);
}

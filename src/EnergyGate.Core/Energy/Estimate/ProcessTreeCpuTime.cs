using System.Globalization;

namespace EnergyGate.Core.Energy.Estimate;

/// <summary>
/// CPU time of a process and all its descendants, from procfs: utime + stime of each live process of
/// the tree, plus the cutime + cstime the root has collected from children that exited. The tree is
/// found through the ppid links of every /proc/N/stat and refreshed at most once a second (a server
/// seldom forks; a full scan at the sampler's 100 Hz would cost more than it measures).
/// </summary>
public sealed class ProcessTreeCpuTime
{
    /// <summary>Clock ticks per second of /proc/N/stat times (USER_HZ, 100 on every Linux architecture .NET runs on).</summary>
    public const double TicksPerSecond = 100;

    private static readonly TimeSpan RescanEvery = TimeSpan.FromSeconds(1);

    private readonly string _proc;
    private readonly IFileReader _reader;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private int[] _tree = [];
    private long _scannedAt = long.MinValue;

    /// <summary>Reads the tree of <paramref name="pid"/> under <paramref name="procRoot"/> (<c>/proc</c> on a real machine).</summary>
    public ProcessTreeCpuTime(string procRoot, IFileReader reader, int pid, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        (_proc, _reader, Pid, _time) = (procRoot, reader, pid, time ?? TimeProvider.System);
        if (Stat(pid) is null)
        {
            throw new EnergyGateException($"EG2075: no process {pid} in {procRoot}; start the server first, or fix `server-pid`.");
        }
    }

    /// <summary>The root process.</summary>
    public int Pid { get; }

    /// <summary>What the estimate's domain names as its source.</summary>
    public string Description => $"server process tree CPU time (pid {Pid})";

    /// <summary>
    /// The first process whose name (comm) or command line contains <paramref name="name"/>, lowest pid
    /// first (a server's parent usually started before its workers), never this process.
    /// </summary>
    /// <exception cref="EnergyGateException">No process matches.</exception>
    public static int FindPid(string procRoot, IFileReader reader, string name)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(name);
        var self = Environment.ProcessId;
        foreach (var pid in Pids(procRoot).Order())
        {
            if (pid == self)
            {
                continue;
            }
            var comm = Read(reader, Path.Combine(procRoot, Str(pid), "comm"))?.Trim();
            var cmdline = Read(reader, Path.Combine(procRoot, Str(pid), "cmdline"))?.Replace('\0', ' ');
            if (comm == name || cmdline?.Contains(name, StringComparison.Ordinal) == true)
            {
                return pid;
            }
        }
        throw new EnergyGateException($"EG2075: no process named `{name}` in {procRoot}; start the server first, or set `server-pid` to its process id.");
    }

    /// <summary>The tree's CPU time now; a process that vanished between scans counts in its parent's cutime once reaped.</summary>
    public TimeSpan Read()
    {
        int[] tree;
        lock (_gate)
        {
            var now = _time.GetTimestamp();
            if (_scannedAt == long.MinValue || _time.GetElapsedTime(_scannedAt, now) >= RescanEvery)
            {
                _tree = Descendants();
                _scannedAt = now;
            }
            tree = _tree;
        }
        long ticks = 0;
        foreach (var pid in tree)
        {
            if (Stat(pid) is { } stat)
            {
                ticks += stat.UTime + stat.STime + (pid == Pid ? stat.CUTime + stat.CSTime : 0);
            }
        }
        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }

    /// <summary>The root and every process whose chain of parents reaches it.</summary>
    private int[] Descendants()
    {
        var children = new Dictionary<int, List<int>>();
        foreach (var pid in Pids(_proc))
        {
            if (Stat(pid) is { } stat)
            {
                (children.TryGetValue(stat.PPid, out var list) ? list : children[stat.PPid] = []).Add(pid);
            }
        }
        var tree = new List<int> { Pid };
        for (var i = 0; i < tree.Count; i++)
        {
            tree.AddRange(children.GetValueOrDefault(tree[i]) ?? []);
        }
        return [.. tree];
    }

    /// <summary>The fields of /proc/N/stat it needs, or null when the process is gone.</summary>
    internal (int PPid, long UTime, long STime, long CUTime, long CSTime)? Stat(int pid)
    {
        var text = Read(_reader, Path.Combine(_proc, Str(pid), "stat"));
        // The command name (field 2) is in parentheses and may hold spaces or ')': fields resume after the last ')'.
        var close = text?.LastIndexOf(')') ?? -1;
        if (close < 0)
        {
            return null;
        }
        var fields = text![(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // fields[0] is field 3 (state): ppid is field 4, utime..cstime fields 14..17.
        return fields.Length >= 15
            ? (int.Parse(fields[1], CultureInfo.InvariantCulture), Long(fields[11]), Long(fields[12]), Long(fields[13]), Long(fields[14]))
            : null;
    }

    private static long Long(string s) => long.Parse(s, CultureInfo.InvariantCulture);

    private static string Str(int pid) => pid.ToString(CultureInfo.InvariantCulture);

    private static IEnumerable<int> Pids(string procRoot) =>
        Directory.EnumerateDirectories(procRoot)
            .Select(Path.GetFileName)
            .Select(n => int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : -1)
            .Where(p => p > 0);

    private static string? Read(IFileReader reader, string path)
    {
        try
        {
            return reader.ReadText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}

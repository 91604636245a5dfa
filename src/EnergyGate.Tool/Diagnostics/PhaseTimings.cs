using System.Collections.Concurrent;
using System.Diagnostics;
using EnergyGate.Core.Diagnostics;

namespace EnergyGate.Tool.Diagnostics;

/// <summary>
/// <c>--timings</c>: listens to <see cref="RunPhases"/> and sums each phase's wall time and the JIT
/// time spent while it ran, keyed by its path of nested phases (e.g. <c>prepare/model</c>).
/// </summary>
internal sealed class PhaseTimings : IDisposable
{
    private readonly ActivityListener _listener;
    private readonly ConcurrentDictionary<string, PhaseTotal> _totals = new(StringComparer.Ordinal);
    private readonly Stopwatch _sinceEntry = Stopwatch.StartNew();
    private readonly TimeSpan _jitAtEntry = System.Runtime.JitInfo.GetCompilationTime();
    private int _order;

    /// <param name="startupTime">Process start to the tool's entry (the runtime host, assembly loading, JIT before Main).</param>
    public PhaseTimings(TimeSpan startupTime)
    {
        StartupTime = startupTime;
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == RunPhases.SourceName,
            // Only this command's phases: tests run several commands in one process at once.
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => Scope.Value == this ? ActivitySamplingResult.AllData : ActivitySamplingResult.None,
            ActivityStarted = Started,
            ActivityStopped = Stopped,
        };
        Scope.Value = this;
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>The timings of the command running in this async flow.</summary>
    private static readonly AsyncLocal<PhaseTimings?> Scope = new();

    private const string JitKey = "energygate.jit";

    public TimeSpan StartupTime { get; }

    /// <summary>Each phase seen, in the order it first started.</summary>
    public IReadOnlyList<PhaseTotal> Phases => [.. _totals.Values.OrderBy(p => p.Order)];

    /// <summary>Tool entry until now.</summary>
    public TimeSpan SinceEntry => _sinceEntry.Elapsed;

    /// <summary>JIT time of the whole process since the tool's entry.</summary>
    public TimeSpan JitSinceEntry => System.Runtime.JitInfo.GetCompilationTime() - _jitAtEntry;

    private void Started(Activity activity)
    {
        if (Scope.Value != this)
        {
            return;
        }
        // Registered at the first start, so a phase is listed before the phases nested in it.
        Total(activity);
        activity.SetCustomProperty(JitKey, System.Runtime.JitInfo.GetCompilationTime());
    }

    private void Stopped(Activity activity)
    {
        if (Scope.Value != this)
        {
            return;
        }
        var jit = activity.GetCustomProperty(JitKey) is TimeSpan started ? System.Runtime.JitInfo.GetCompilationTime() - started : TimeSpan.Zero;
        Total(activity).Add(activity.Duration, jit, activity.GetTagItem(RunPhases.DetailTag) as string);
    }

    private PhaseTotal Total(Activity activity) =>
        _totals.GetOrAdd(PathOf(activity), path => new PhaseTotal(path, Interlocked.Increment(ref _order)));

    /// <summary>The phase's name under its enclosing phases', so <c>model</c> inside <c>prepare</c> is <c>prepare/model</c>.</summary>
    private static string PathOf(Activity activity)
    {
        var names = new List<string>();
        for (var a = activity; a is not null && a.Source.Name == RunPhases.SourceName; a = a.Parent)
        {
            names.Add(a.OperationName);
        }
        names.Reverse();
        return string.Join('/', names);
    }

    public void Dispose()
    {
        _listener.Dispose();
        Scope.Value = null;
    }
}

/// <summary>One phase's instances added up, and per detail (cell, model); the order is the phase's first start.</summary>
internal sealed class PhaseTotal(string path, int order)
{
    private readonly Lock _gate = new();
    private readonly List<PhaseTotal> _details = [];

    public string Path { get; } = path;

    public int Order { get; } = order;

    public int Count { get; private set; }

    public TimeSpan Wall { get; private set; }

    public TimeSpan Jit { get; private set; }

    public int Depth => Path.Count(c => c == '/');

    /// <summary>The instances per detail tag, in first-seen order (empty when the phase has none).</summary>
    public IReadOnlyList<PhaseTotal> Details
    {
        get
        {
            lock (_gate)
            {
                return [.. _details];
            }
        }
    }

    public void Add(TimeSpan wall, TimeSpan jit, string? detail = null)
    {
        lock (_gate)
        {
            Count++;
            Wall += wall;
            Jit += jit;
            if (detail is not null)
            {
                var entry = _details.Find(d => d.Path == detail);
                if (entry is null)
                {
                    entry = new PhaseTotal(detail, _details.Count);
                    _details.Add(entry);
                }
                entry.Add(wall, jit);
            }
        }
    }
}

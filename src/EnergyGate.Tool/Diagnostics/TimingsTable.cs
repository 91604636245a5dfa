using System.Globalization;
using EnergyGate.Core.Diagnostics;

namespace EnergyGate.Tool.Diagnostics;

/// <summary>The <c>--timings</c> table: Markdown, so it pastes into an issue or benchmarks/README.md as it is.</summary>
internal static class TimingsTable
{
    /// <summary>
    /// The measurement protocol's own time: the idle-power window, the recorded repetitions, the
    /// noise probes between them and the cool-down. Everything else is overhead a run could cut.
    /// </summary>
    public static readonly IReadOnlySet<string> MeasurementPhases = new HashSet<string>(StringComparer.Ordinal)
    {
        RunPhases.Idle, RunPhases.Repetition, RunPhases.NoiseProbe, RunPhases.Cooldown,
    };

    public static IEnumerable<string> Lines(PhaseTimings timings)
    {
        ArgumentNullException.ThrowIfNull(timings);
        var phases = timings.Phases;
        var sinceEntry = timings.SinceEntry;
        yield return "";
        yield return "timings: wall seconds per phase (nested phases indented, and included in their parent's), JIT seconds while it ran";
        yield return "";
        yield return "| phase | count | seconds | JIT seconds |";
        yield return "|---|---:|---:|---:|";
        yield return Row("process start to tool entry", null, timings.StartupTime, null);
        foreach (var phase in phases)
        {
            var name = new string('\u00a0', 2 * phase.Depth) + phase.Path[(phase.Path.LastIndexOf('/') + 1)..];
            yield return Row(name, phase.Count, phase.Wall, phase.Jit);
            // Per cell or model, when a phase has several: which session or model took the time.
            if (phase.Details.Count > 1)
            {
                foreach (var detail in phase.Details)
                {
                    yield return Row(new string('\u00a0', 2 * (phase.Depth + 1)) + "`" + detail.Path + "`", detail.Count, detail.Wall, detail.Jit);
                }
            }
        }
        var top = phases.Where(p => p.Depth == 0).ToList();
        var outside = sinceEntry - Sum(top, p => p.Wall);
        yield return Row("outside these phases (parsing, meters' discovery, printing)", null, outside, timings.JitSinceEntry - Sum(top, p => p.Jit));
        var measured = Sum(phases.Where(p => MeasurementPhases.Contains(Leaf(p))), p => p.Wall);
        var total = timings.StartupTime + sinceEntry;
        yield return Row("**process start to now**", null, total, timings.JitSinceEntry);
        yield return Row("of which measurement (idle power, repetitions, noise probes, cool-down)", null, measured, null);
        yield return Row("of which everything else", null, total - measured, null);
    }

    private static string Leaf(PhaseTotal phase) => phase.Path[(phase.Path.LastIndexOf('/') + 1)..];

    private static TimeSpan Sum(IEnumerable<PhaseTotal> phases, Func<PhaseTotal, TimeSpan> of) =>
        phases.Aggregate(TimeSpan.Zero, (sum, p) => sum + of(p));

    private static string Row(string name, int? count, TimeSpan wall, TimeSpan? jit) =>
        $"| {name} | {count?.ToString(CultureInfo.InvariantCulture) ?? ""} | {Seconds(wall)} | {(jit is { } j ? Seconds(j) : "")} |";

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture);
}

using System.Globalization;

namespace EnergyGate.Core.Measurement;

/// <summary>
/// Ceilings on the size of a run, checked before anything is allocated per repetition or sample, so
/// a typo such as <c>--repetitions 1000000000</c> is refused at once instead of eating memory for
/// minutes. Every ceiling lies far above any run that finishes in CI time.
/// </summary>
public static class PlanLimits
{
    /// <summary>
    /// Most recorded repetitions per cell. The confidence interval of a mean narrows with the square
    /// root of the repetitions: beyond a few tens the machine's drift dominates, and 1000 already
    /// buys only a fifth of the width of 40.
    /// </summary>
    public const int MaxRepetitions = 1000;

    /// <summary>Most unrecorded warm-up passes per cell; one or two load every code path and cache.</summary>
    public const int MaxWarmup = 1000;

    /// <summary>
    /// Most generations (recorded samples plus warm-up passes) in one plan. Even at 10 ms each,
    /// 10 million is more than a day of measuring, and the executor keeps one key per recorded
    /// sample in memory (hundreds of MB at this size).
    /// </summary>
    public const long MaxSamples = 10_000_000;

    /// <summary>
    /// The generations a plan's steps make: every recorded step runs each task
    /// <c>samples-per-task</c> times, every warm-up step at most <see cref="RunExecutor.WarmupProblems"/> tasks once.
    /// Counted with saturating arithmetic, so an absurd plan reports a huge number rather than overflowing.
    /// </summary>
    /// <param name="cells">Per cell: its task count and samples per task.</param>
    /// <param name="repetitions">Recorded repetitions per cell.</param>
    /// <param name="warmup">Warm-up passes per cell.</param>
    public static long CountSamples(IReadOnlyList<(int Tasks, int SamplesPerTask)> cells, int repetitions, int warmup)
    {
        ArgumentNullException.ThrowIfNull(cells);
        var total = 0L;
        foreach (var (tasks, samplesPerTask) in cells)
        {
            var recorded = Multiply(Multiply(tasks, samplesPerTask), repetitions);
            var warm = Multiply(Math.Min(tasks, RunExecutor.WarmupProblems), warmup);
            total = Add(total, Add(recorded, warm));
        }
        return total;
    }

    /// <summary>Throws EG2050, naming the count, the ceiling and what lowers it, when <paramref name="samples"/> exceeds <see cref="MaxSamples"/>.</summary>
    /// <param name="samples">The plan's generations (<see cref="CountSamples"/>).</param>
    /// <param name="what">How the count came about, e.g. <c>2 cells x 164 tasks</c>.</param>
    /// <exception cref="EnergyGateException">The plan is larger than the ceiling.</exception>
    public static void EnsureWithin(long samples, string what)
    {
        if (samples > MaxSamples)
        {
            throw new EnergyGateException(string.Create(CultureInfo.InvariantCulture,
                $"EG2050: the run plan is {samples:N0} generations ({what}), more than the limit of {MaxSamples:N0}; ")
                + "lower `measurement.repetitions` (--repetitions), `measurement.warmup`, a suite's `samples-per-task` or `limit`, or run fewer suites, models or runtimes.");
        }
    }

    /// <summary>EG2050 for a prepared plan, now that each cell's task count is known (suites load in preparation).</summary>
    internal static void EnsureWithin(RunPlan plan, IReadOnlyList<CellInputs> inputs, Configuration.MeasurementSettings measurement)
    {
        var cells = plan.Cells.Select((c, i) => (inputs[i].Problems.Count, c.Suite.SamplesPerTask)).ToList();
        var tasks = cells.Sum(c => (long)c.Count);
        EnsureWithin(CountSamples(cells, measurement.Repetitions, measurement.Warmup), string.Create(CultureInfo.InvariantCulture,
            $"{plan.Cells.Count} cells, {tasks:N0} tasks in all, up to {cells.Max(c => c.SamplesPerTask)} samples per task, {measurement.Repetitions} repetitions + {measurement.Warmup} warm-up"));
    }

    private static long Multiply(long a, long b) => a != 0 && b > long.MaxValue / a ? long.MaxValue : a * b;

    private static long Add(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;
}

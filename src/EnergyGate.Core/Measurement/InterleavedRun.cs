using EnergyGate.Core.Configuration;
using EnergyGate.Core.Energy;
using EnergyGate.Core.Energy.Sampling;
using EnergyGate.Core.Generation;
using EnergyGate.Core.Scoring;
using EnergyGate.Core.Waste.Babbling;

namespace EnergyGate.Core.Measurement;

/// <summary>
/// Base and head configurations measured in one process, pass by pass (<see cref="InterleavedSchedule"/>),
/// into two results files: the protocol for a change that is only configuration (weights, runtime
/// options, decoding, suppression, prompt format). Both sides share the sampler, the idle
/// measurement and every noise probe; each keeps its own sessions, warm-ups, scoring and summary,
/// so either file reads like a run of its own and the pair is judged with <c>compare --paired</c>.
/// The measurement section (meter, interval, idle, cool-down) is the head's.
/// </summary>
public sealed class InterleavedRun(
    ResolvedSettings baseSettings, ResolvedSettings headSettings, Func<string, IDecoderSessionFactory> runtimes, IReadOnlyList<IEnergyMeter> meters,
    TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>Probes the machine's steadiness during the job; null: the real probe, /proc and /sys.</summary>
    public Noise.NoiseMonitor? NoiseMonitor { get => _noise ??= Noise.NoiseMonitor.ForMachine(_time); init => _noise = value; }

    private Noise.NoiseMonitor? _noise;

    /// <summary>Measures both sides into <paramref name="basePath"/> and <paramref name="headPath"/> (new files).</summary>
    public async Task<(RunOutcome Base, RunOutcome Head)> ExecuteAsync(string basePath, string headPath, string toolVersion,
        IReadOnlyDictionary<string, string?> environment, IProgress<RunProgress>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var sides = new[]
        {
            await RunSide.PrepareAsync(baseSettings, runtimes, ct),
            await RunSide.PrepareAsync(headSettings, runtimes, ct),
        };
        var schedule = Schedule(sides[0], sides[1]);
        var measurement = headSettings.Measurement;
        var selection = new MeterSelector(meters).Select(measurement.Meter);
        var notes = new List<string>(selection.Explanation);
        using var sampler = new EnergySampler(selection.Meters, new SamplerOptions(measurement.SampleInterval, SamplerOptions.Default.StuckAfter), _time);
        notes.AddRange(sampler.Warnings);
        sampler.Start();
        var idle = measurement.Idle > TimeSpan.Zero ? await IdlePower.MeasureAsync(sampler, measurement.Idle, _time, ct) : [];
        var job = Guid.NewGuid().ToString("N");
        var started = _time.GetUtcNow();
        var headers = sides.Select((side, i) => side.Header(toolVersion, started, selection, idle) with
        {
            Interleaved = new InterleavedSide(job, i == InterleavedSchedule.Base ? "base" : "head", InterleavedSchedule.Order),
        }).ToArray();
        var paths = new[] { basePath, headPath };
        PythonInterpreter Python(RunSide side) => PythonInterpreter.Locate(side.Settings.Python, environment.GetValueOrDefault("PATH"));
        // Oracle suppression needs a sandbox during generation; one per side, as each side's sandbox settings may differ.
        var sandboxes = new SandboxExecutor?[2];
        var checkers = new SyntaxChecker?[2];
        try
        {
            for (var i = 0; i < 2; i++)
            {
                sandboxes[i] = sides[i].Strategies.Contains(SuppressionStrategy.TestOracle)
                    ? await SandboxExecutor.StartAsync(Python(sides[i]), sides[i].Settings.Sandbox, environment, ct)
                    : null;
                checkers[i] = sides[i].NeedsChecker ? SyntaxChecker.Start(Python(sides[i])) : null;
            }
            await using var baseJournal = await ResultsJournal.OpenAsync(basePath, headers[0], resume: false, ct);
            await using var headJournal = await ResultsJournal.OpenAsync(headPath, headers[1], resume: false, ct);
            var journals = new[] { baseJournal, headJournal };
            var wastes = new WasteServices[2];
            for (var i = 0; i < 2; i++)
            {
                // Reference runs of the oracle before the first measured step, not inside it.
                wastes[i] = await WasteServices.PrepareAsync(checkers[i], sandboxes[i], sides[i].Settings.Sandbox.Oracle, sides[i].Prepared.Inputs, ct);
            }
            var lanes = sides.Select((side, i) => new RunLane(side.Plan, side.Prepared.Inputs, journals[i]) { Waste = wastes[i] }).ToList();
            var executor = new RunExecutor(sampler, measurement.Cooldown, _time) { Noise = NoiseMonitor };
            await executor.ExecuteAsync(lanes, schedule, progress, ct);
            sampler.Stop();
            for (var i = 0; i < 2; i++)
            {
                var index = i;
                await sides[i].ScoreAsync(journals[i], async () => sandboxes[index] ??= await SandboxExecutor.StartAsync(Python(sides[index]), sides[index].Settings.Sandbox, environment, ct),
                    checkers[i], ct);
            }
        }
        finally
        {
            foreach (var sandbox in sandboxes.OfType<SandboxExecutor>())
            {
                await sandbox.DisposeAsync();
            }
            foreach (var checker in checkers.OfType<SyntaxChecker>())
            {
                checker.Dispose();
            }
        }
        var jobNote = $"interleaved job {job[..8]}: base and head alternated {InterleavedSchedule.Order}";
        return (await sides[0].SummarizeAsync(basePath, headers[0], notes, [jobNote], ct),
                await sides[1].SummarizeAsync(headPath, headers[1], notes, [jobNote], ct));
    }

    /// <summary>The fewest pairs whose exact one-sided signed-rank p-value can fall below <paramref name="alpha"/> (all pairs worse: p = 2^-n).</summary>
    public static int PairsNeeded(double alpha) => (int)Math.Floor(Math.Log2(1 / alpha)) + 1;

    /// <summary>The ABBA schedule, or EG2059 naming what keeps the two configurations from pairing.</summary>
    private static IReadOnlyList<LaneStep> Schedule(RunSide baseSide, RunSide head)
    {
        var problems = new List<string>();
        var baseCells = baseSide.Plan.Cells.Select(c => c.Id).ToList();
        var headCells = head.Plan.Cells.Select(c => c.Id).ToList();
        if (!baseCells.SequenceEqual(headCells, StringComparer.Ordinal))
        {
            problems.Add($"the cells differ (base: {string.Join(", ", baseCells)}; head: {string.Join(", ", headCells)}); "
                + "a change of weights or runtime options keeps the model's and runtime's names, and a runtime entry's `name:` can give two providers one cell");
        }
        if (baseSide.Settings.Measurement.Repetitions != head.Settings.Measurement.Repetitions)
        {
            problems.Add($"measurement.repetitions is {baseSide.Settings.Measurement.Repetitions} in the base and {head.Settings.Measurement.Repetitions} in the head");
        }
        var needed = PairsNeeded(head.Settings.Gate.Alpha);
        if (head.Settings.Measurement.Repetitions < needed)
        {
            // Fewer pairs could never convict anything: a silent "no significant change" would mislead.
            problems.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{head.Settings.Measurement.Repetitions} repetitions make {head.Settings.Measurement.Repetitions} pairs, whose smallest signed-rank p-value (2^-n) cannot reach gate alpha {head.Settings.Gate.Alpha}; "
                + $"set measurement.repetitions to {needed} or more (--repetitions {needed}; 8 or more recommended)"));
        }
        for (var i = 0; i < Math.Min(baseCells.Count, headCells.Count) && problems.Count == 0; i++)
        {
            var b = baseSide.Prepared.Inputs[i].Problems.Select(p => p.TaskId).ToList();
            var h = head.Prepared.Inputs[i].Problems.Select(p => p.TaskId).ToList();
            if (!b.SequenceEqual(h, StringComparer.Ordinal) || baseSide.Plan.Cells[i].Suite.SamplesPerTask != head.Plan.Cells[i].Suite.SamplesPerTask)
            {
                problems.Add($"{baseCells[i]}: base and head measure different problems ({b.Count} vs {h.Count} tasks) or samples per task; a pair must do the same work");
            }
        }
        if (problems.Count > 0)
        {
            throw new EnergyGateException($"EG2059: base and head cannot be interleaved pass by pass: {string.Join("; ", problems)}. "
                + "Make the two configurations differ only in what is under test, or measure each with `run` and use `compare` (unpaired).");
        }
        return InterleavedSchedule.Create(baseSide.Plan, head.Plan);
    }
}

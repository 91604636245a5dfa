using EnergyGate.Core.Diagnostics;
using EnergyGate.Core.Energy.Sampling;
using EnergyGate.Core.Generation;
using EnergyGate.Core.Measurement.Generators;
using EnergyGate.Core.Waste.Babbling;
using EnergyGate.Core.Work;

namespace EnergyGate.Core.Measurement;

/// <summary>
/// Executes a <see cref="RunPlan"/>: opens each cell's session once, runs warm-ups and recorded
/// repetitions in plan order, measures every sample's phases and appends it to the journal at
/// once. Samples already in the journal (a resumed run) are skipped, so none is lost or repeated.
/// </summary>
public sealed class RunExecutor(EnergySampler sampler, TimeSpan cooldown, TimeProvider? time = null, WasteServices? waste = null)
{
    /// <summary>Problems a warm-up pass runs: enough to load code paths and caches, cheap on big suites.</summary>
    public const int WarmupProblems = 2;

    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>Probes the machine before the first repetition, between repetitions and after the last; null: no probes.</summary>
    public Noise.NoiseMonitor? Noise { get; init; }

    /// <summary>Runs every step; throws on cancellation after the last finished sample was written.</summary>
    public Task ExecuteAsync(RunPlan plan, IReadOnlyList<CellInputs> inputs, ResultsJournal journal,
        IProgress<RunProgress>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return ExecuteAsync([new RunLane(plan, inputs, journal)], [.. plan.Steps.Select(s => new LaneStep(0, s))], progress, ct);
    }

    /// <summary>
    /// Runs <paramref name="schedule"/>, passes of several lanes in the given order (an interleaved
    /// job: base and head alternating). Each lane's samples go to its own journal; each noise probe is
    /// taken once and appended to every lane's journal, since all lanes shared the machine at that moment.
    /// </summary>
    public async Task ExecuteAsync(IReadOnlyList<RunLane> lanes, IReadOnlyList<LaneStep> schedule,
        IProgress<RunProgress>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(lanes);
        ArgumentNullException.ThrowIfNull(schedule);
        var done = lanes.Select(l => l.Journal.Existing.OfType<SampleRecord>().Select(r => r.Key).ToHashSet()).ToList();
        // Counted over this schedule only: a resumed round or shard file also holds samples of other rounds.
        var planned = schedule.Where(s => !s.Step.IsWarmup).SelectMany(s => Work(lanes[s.Lane], s.Step).Select(w => (s.Lane, Key: Key(lanes[s.Lane], s.Step, w)))).ToList();
        var total = planned.Count;
        var finished = planned.Count(p => done[p.Lane].Contains(p.Key));
        var journals = lanes.Select(l => l.Journal).ToList();
        var generators = new Dictionary<(int Lane, int Cell), ICellGenerator>();
        (int Lane, int Cell)? previousCell = null;
        int? probedRepetition = null;
        // A resume with nothing left to measure has no run to judge: no probes.
        var noise = finished < total ? Noise : null;
        try
        {
            if (noise is not null)
            {
                using var probing = RunPhases.Start(RunPhases.NoiseProbe);
                await noise.BeforeFirstAsync(journals, ct);
            }
            foreach (var (laneIndex, step) in schedule)
            {
                var lane = lanes[laneIndex];
                var cell = lane.Plan.Cells[step.Cell];
                var work = Work(lane, step).Where(w => step.IsWarmup || !done[laneIndex].Contains(Key(lane, step, w))).ToList();
                if (step.IsWarmup && !HasRecordedWorkLeft(lane, schedule, laneIndex, step.Cell, done[laneIndex]))
                {
                    continue;
                }
                if (work.Count == 0)
                {
                    continue;
                }
                if (previousCell is { } previous && previous != (laneIndex, step.Cell) && cooldown > TimeSpan.Zero)
                {
                    using var cooling = RunPhases.Start(RunPhases.Cooldown);
                    await Task.Delay(cooldown, _time, ct);
                }
                previousCell = (laneIndex, step.Cell);
                // Between samples, never inside one: the probe's time and energy belong to no phase.
                if (noise is not null && !step.IsWarmup && probedRepetition != step.Repetition)
                {
                    if (probedRepetition is not null)
                    {
                        using var probing = RunPhases.Start(RunPhases.NoiseProbe);
                        await noise.ProbeAsync(journals, step.Repetition, ct);
                    }
                    probedRepetition = step.Repetition;
                }
                var input = lane.Inputs[step.Cell];
                if (!generators.TryGetValue((laneIndex, step.Cell), out var generator))
                {
                    using var opening = RunPhases.Start(RunPhases.SessionOpen, cell.Id);
                    generator = CellGenerators.Open(cell, input, sampler, _time);
                    generators[(laneIndex, step.Cell)] = generator;
                }
                using var pass = RunPhases.Start(step.IsWarmup ? RunPhases.Warmup : RunPhases.Repetition, cell.Id);
                var samples = work.Select(w => Sample(lane.Waste ?? waste, input, w.Problem, w.SampleIndex)).ToList();
                await foreach (var measured in generator.RunAsync(samples, ct))
                {
                    if (!step.IsWarmup)
                    {
                        var suppression = measured.Work.Suppression;
                        var record = (SampleMeasurement.ToRecord(cell.Id, step.Repetition, measured.Work.Problem.TaskId, measured.Work.SampleIndex, measured.Result, measured.Energy, measured.TokenTextEnds) with
                        {
                            Suppression = input.Suppression.Name(),
                            PromptFormat = input.Prompts.Format == Suites.PromptFormat.Chat && measured.Work.Problem is Suites.CodeProblem ? Suites.PromptFormats.Chat : null,
                            SuppressionChecks = suppression?.Criterion?.Checks ?? 0,
                            SuppressionCheckSeconds = suppression?.Criterion?.CheckTime.TotalSeconds ?? 0,
                            BatchOccupancy = measured.BatchOccupancy,
                        }).WithWork(input.WorkShape);
                        await lane.Journal.AppendAsync(record, ct);
                        finished++;
                    }
                    progress?.Report(new RunProgress(finished, total, cell.Id, step.IsWarmup));
                }
            }
            if (noise is not null)
            {
                using var probing = RunPhases.Start(RunPhases.NoiseProbe);
                await noise.ProbeAsync(journals, null, ct);
            }
        }
        finally
        {
            using var closing = generators.Count > 0 ? RunPhases.Start(RunPhases.SessionClose) : null;
            foreach (var generator in generators.Values)
            {
                generator.Dispose();
            }
        }
    }

    /// <summary>One sample's prompt ids, settings (the seed offset by the sample index) and suppression plan.</summary>
    private static SampleRequest Sample(WasteServices? waste, CellInputs input, Suites.IBenchmarkTask problem, int sampleIndex)
    {
        var settings = input.Decoding with { Seed = input.Decoding.Seed + sampleIndex };
        var suppression = Suppression(waste, input, problem);
        if (suppression is not null)
        {
            settings = suppression.Apply(settings);
        }
        var hooks = suppression?.Apply(GenerationHooks.None) ?? GenerationHooks.None;
        var prompt = input.Prompts.Text(problem);
        return new SampleRequest(problem, sampleIndex, input.Tokenizer.Encode(prompt), settings, hooks, suppression) { PromptText = prompt };
    }

    /// <summary>The checking strategies need a code problem and their services; stop words and none only shape the settings already.</summary>
    private static Waste.Babbling.SuppressionPlan? Suppression(WasteServices? waste, CellInputs input, Suites.IBenchmarkTask problem) =>
        input.Suppression is Waste.Babbling.SuppressionStrategy.Syntax or Waste.Babbling.SuppressionStrategy.TestOracle && problem is Suites.CodeProblem code
            ? Waste.Babbling.SuppressionStrategies.Create(input.Suppression, code, waste?.Syntax, waste?.Sandbox, input.Prompts.Format, waste?.OracleLimits)
            : null;

    private static List<(Suites.IBenchmarkTask Problem, int SampleIndex)> Work(RunLane lane, RunStep step)
    {
        var problems = lane.Inputs[step.Cell].Problems;
        if (step.IsWarmup)
        {
            return [.. problems.Take(WarmupProblems).Select(p => (p, 0))];
        }
        var samples = lane.Plan.Cells[step.Cell].Suite.SamplesPerTask;
        return [.. problems.SelectMany(p => Enumerable.Range(0, samples).Select(i => (p, i)))];
    }

    private static bool HasRecordedWorkLeft(RunLane lane, IReadOnlyList<LaneStep> schedule, int laneIndex, int cellIndex, HashSet<SampleKey> done) =>
        schedule.Where(s => s.Lane == laneIndex && s.Step.Cell == cellIndex && !s.Step.IsWarmup)
            .Any(s => Work(lane, s.Step).Any(w => !done.Contains(Key(lane, s.Step, w))));

    private static SampleKey Key(RunLane lane, RunStep step, (Suites.IBenchmarkTask Problem, int SampleIndex) work) =>
        new(lane.Plan.Cells[step.Cell].Id, step.Repetition, work.Problem.TaskId, work.SampleIndex);
}

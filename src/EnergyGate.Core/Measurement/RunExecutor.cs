using EnergyGate.Core.Energy.Sampling;
using EnergyGate.Core.Generation;
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
    public async Task ExecuteAsync(RunPlan plan, IReadOnlyList<CellInputs> inputs, ResultsJournal journal,
        IProgress<RunProgress>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(journal);
        var done = journal.Existing.OfType<SampleRecord>().Select(r => r.Key).ToHashSet();
        // Counted over this plan only: a resumed round or shard file also holds samples of other rounds.
        var planned = plan.Steps.Where(s => !s.IsWarmup).SelectMany(s => Work(plan, inputs, s).Select(w => Key(plan.Cells[s.Cell], s, w))).ToList();
        var total = planned.Count;
        var finished = planned.Count(done.Contains);
        var generator = new Generator(_time);
        var sessions = new Dictionary<int, IDecoderSession>();
        int? previousCell = null;
        int? probedRepetition = null;
        // A resume with nothing left to measure has no run to judge: no probes.
        var noise = finished < total ? Noise : null;
        try
        {
            if (noise is not null)
            {
                await noise.BeforeFirstAsync(journal, ct);
            }
            foreach (var step in plan.Steps)
            {
                var cell = plan.Cells[step.Cell];
                var work = Work(plan, inputs, step).Where(w => step.IsWarmup || !done.Contains(Key(cell, step, w))).ToList();
                if (step.IsWarmup && !HasRecordedWorkLeft(plan, inputs, step.Cell, done))
                {
                    continue;
                }
                if (work.Count == 0)
                {
                    continue;
                }
                if (previousCell is { } previous && previous != step.Cell && cooldown > TimeSpan.Zero)
                {
                    await Task.Delay(cooldown, _time, ct);
                }
                previousCell = step.Cell;
                // Between samples, never inside one: the probe's time and energy belong to no phase.
                if (noise is not null && !step.IsWarmup && probedRepetition != step.Repetition)
                {
                    if (probedRepetition is not null)
                    {
                        await noise.ProbeAsync(journal, step.Repetition, ct);
                    }
                    probedRepetition = step.Repetition;
                }
                var input = inputs[step.Cell];
                if (!sessions.TryGetValue(step.Cell, out var session))
                {
                    session = input.Factory.Open(input.ModelDirectory, cell.Runtime);
                    sessions[step.Cell] = session;
                }
                foreach (var (problem, sampleIndex) in work)
                {
                    ct.ThrowIfCancellationRequested();
                    var prompt = input.Tokenizer.Encode(problem.Prompt);
                    var settings = input.Decoding with { Seed = input.Decoding.Seed + sampleIndex };
                    var suppression = Suppression(input, problem);
                    if (suppression is not null)
                    {
                        settings = suppression.Apply(settings);
                    }
                    var baseHooks = suppression?.Apply(GenerationHooks.None) ?? GenerationHooks.None;
                    var (result, energy, textEnds) = SampleMeasurement.Measure(sampler, baseHooks, hooks => generator.Generate(session, input.Tokenizer, prompt, settings, hooks));
                    if (!step.IsWarmup)
                    {
                        var record = (SampleMeasurement.ToRecord(cell.Id, step.Repetition, problem.TaskId, sampleIndex, result, energy, textEnds) with
                        {
                            Suppression = input.Suppression.Name(),
                            SuppressionChecks = suppression?.Criterion?.Checks ?? 0,
                            SuppressionCheckSeconds = suppression?.Criterion?.CheckTime.TotalSeconds ?? 0,
                        }).WithWork(input.WorkShape);
                        await journal.AppendAsync(record, ct);
                        finished++;
                    }
                    progress?.Report(new RunProgress(finished, total, cell.Id, step.IsWarmup));
                }
            }
            if (noise is not null)
            {
                await noise.ProbeAsync(journal, null, ct);
            }
        }
        finally
        {
            foreach (var session in sessions.Values)
            {
                session.Dispose();
            }
        }
    }

    /// <summary>The checking strategies need a code problem and their services; stop words and none only shape the settings already.</summary>
    private Waste.Babbling.SuppressionPlan? Suppression(CellInputs input, Suites.IBenchmarkTask problem) =>
        input.Suppression is Waste.Babbling.SuppressionStrategy.Syntax or Waste.Babbling.SuppressionStrategy.TestOracle && problem is Suites.CodeProblem code
            ? Waste.Babbling.SuppressionStrategies.Create(input.Suppression, code, waste?.Syntax, waste?.Sandbox)
            : null;

    private static List<(Suites.IBenchmarkTask Problem, int SampleIndex)> Work(RunPlan plan, IReadOnlyList<CellInputs> inputs, RunStep step)
    {
        var problems = inputs[step.Cell].Problems;
        if (step.IsWarmup)
        {
            return [.. problems.Take(WarmupProblems).Select(p => (p, 0))];
        }
        var samples = plan.Cells[step.Cell].Suite.SamplesPerTask;
        return [.. problems.SelectMany(p => Enumerable.Range(0, samples).Select(i => (p, i)))];
    }

    private static bool HasRecordedWorkLeft(RunPlan plan, IReadOnlyList<CellInputs> inputs, int cellIndex, HashSet<SampleKey> done) =>
        plan.Steps.Where(s => s.Cell == cellIndex && !s.IsWarmup)
            .Any(s => Work(plan, inputs, s).Any(w => !done.Contains(Key(plan.Cells[cellIndex], s, w))));

    private static SampleKey Key(RunCell cell, RunStep step, (Suites.IBenchmarkTask Problem, int SampleIndex) work) =>
        new(cell.Id, step.Repetition, work.Problem.TaskId, work.SampleIndex);
}

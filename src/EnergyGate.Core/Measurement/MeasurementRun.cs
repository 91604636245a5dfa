using EnergyGate.Core.Configuration;
using EnergyGate.Core.Diagnostics;
using EnergyGate.Core.Energy;
using EnergyGate.Core.Energy.Sampling;
using EnergyGate.Core.Generation;
using EnergyGate.Core.Scoring;
using EnergyGate.Core.Suites;
using EnergyGate.Core.Waste.Babbling;

namespace EnergyGate.Core.Measurement;

/// <summary>Where a run's files went and what it found.</summary>
/// <param name="ResultsPath">The results JSONL (every sample and score).</param>
/// <param name="SummaryPath">The summary JSON.</param>
/// <param name="Summary">The summary itself.</param>
/// <param name="Notes">Meter choices and sampler warnings, for the log.</param>
public sealed record RunOutcome(string ResultsPath, string SummaryPath, RunSummaryFile Summary, IReadOnlyList<string> Notes)
{
    /// <summary>The babbling-suppression study's rows, when the run was one.</summary>
    public IReadOnlyList<StudyRow> Study { get; init; } = [];

    /// <summary>Per cell, the prefill-amplification line over all its samples (with its 95 % interval).</summary>
    public IReadOnlyList<string> Amplification { get; init; } = [];

    /// <summary>One line on how steady the machine was (probe, steal, frequency) and whether the gate would judge it; null without probes.</summary>
    public string? NoiseNote { get; init; }

    /// <summary>What a shard or round of the plan got (<c>--shard</c>, <c>--round</c>); empty for a whole run.</summary>
    public IReadOnlyList<string> PartNotes { get; init; } = [];

    /// <summary>The records the summary was built from, so the reports need not read the file again.</summary>
    public IReadOnlyList<JournalRecord> Records { get; init; } = [];
}

/// <summary>
/// One whole measurement run: prepares every cell (datasets, model folders, tokenizers), starts the
/// energy sampler, measures idle power, executes the plan into the results journal, scores the
/// completions in the sandbox and writes the summary. Front ends only translate their syntax into
/// <see cref="ResolvedSettings"/> and call this.
/// </summary>
public sealed class MeasurementRun(
    ResolvedSettings settings, Func<string, IDecoderSessionFactory> runtimes, IReadOnlyList<IEnergyMeter> meters,
    TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>Measure only this shard's work units (cell x task, all repetitions); null for all of them.</summary>
    public Sharding.PartSpec? Shard { get; init; }

    /// <summary>Measure only this round's repetitions, to append to the same results file with resume; null for all.</summary>
    public Sharding.PartSpec? Round { get; init; }

    /// <summary>Probes the machine's steadiness during the run; null: the real probe, /proc and /sys.</summary>
    public Noise.NoiseMonitor? NoiseMonitor { get => _noise ??= Noise.NoiseMonitor.ForMachine(_time); init => _noise = value; }

    private Noise.NoiseMonitor? _noise;

    /// <summary>Runs (or resumes) the plan into <paramref name="resultsPath"/>.</summary>
    public async Task<RunOutcome> ExecuteAsync(string resultsPath, bool resume, string toolVersion,
        IReadOnlyDictionary<string, string?> environment, IProgress<RunProgress>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var planPhase = RunPhases.Start(RunPhases.Plan);
        var fullPlan = RunPlan.Create(settings);
        // Python starts on the other core while this one loads the models; awaited before the idle window.
        await using var helpers = RunPythonHelpers.Start(fullPlan, settings, environment, ct);
        planPhase?.Dispose();
        var side = await RunSide.PrepareAsync(settings, fullPlan, runtimes, ct);
        var plan = side.Plan;
        var prepared = side.Prepared;
        var partNotes = new List<string>();
        Sharding.ShardInfo? shardInfo = null;
        if (Shard is { } shard)
        {
            var sharded = Sharding.RunSharding.Apply(plan, prepared.Inputs, shard, side.SettingsHash, settings.Measurement.Repetitions, Environment.MachineName);
            prepared = prepared with { Inputs = sharded.Inputs };
            shardInfo = sharded.Info;
            partNotes.Add(sharded.Note);
        }
        if (Round is { } round)
        {
            plan = plan.OnlyRound(round);
            var kept = plan.Steps.Where(s => !s.IsWarmup).Select(s => s.Repetition).Distinct().Order().ToList();
            partNotes.Add(kept.Count == 0
                ? $"round {round} has no repetitions: the plan has {settings.Measurement.Repetitions} for {round.Count} rounds."
                : $"round {round}: repetitions {string.Join(", ", kept.Select(r => r + 1))} of {settings.Measurement.Repetitions}; add the other rounds to the same file with --resume.");
        }
        side = side with { Plan = plan, Prepared = prepared };
        var pythonPhase = RunPhases.Start(RunPhases.Python);
        // One sandbox serves the test oracle during generation and the scoring afterwards.
        var (checkerStarted, sandbox) = await helpers.ReadyAsync();
        // The syntax checker also finds where answers were complete (babbling) when scoring code cells.
        using var checker = checkerStarted;
        pythonPhase?.Dispose();
        var notes = new List<string>();
        RunHeader header;
        IReadOnlyList<JournalRecord> records;
        try
        {
            // The oracle's reference runs happen here, before the idle window, not inside a measured repetition.
            var waste = await WasteServices.PrepareAsync(checker, sandbox, settings.Sandbox.Oracle, prepared.Inputs, ct);
            var meterPhase = RunPhases.Start(RunPhases.Meters);
            var selection = new MeterSelector(meters).Select(settings.Measurement.Meter);
            notes.AddRange(selection.Explanation);
            using var sampler = new EnergySampler(selection.Meters, new SamplerOptions(settings.Measurement.SampleInterval, SamplerOptions.Default.StuckAfter), _time);
            notes.AddRange(sampler.Warnings);
            sampler.Start();
            meterPhase?.Dispose();
            var idle = settings.Measurement.Idle > TimeSpan.Zero
                ? await MeasureIdleAsync(sampler, ct)
                : [];
            var headerPhase = RunPhases.Start(RunPhases.Header);
            header = side.Header(toolVersion, _time.GetUtcNow(), selection, idle) with { Shard = shardInfo };
            await using var journal = await ResultsJournal.OpenAsync(resultsPath, header, resume, ct);
            header = journal.Header;
            headerPhase?.Dispose();
            var executor = new RunExecutor(sampler, settings.Measurement.Cooldown, _time, waste) { Noise = NoiseMonitor };
            await executor.ExecuteAsync(plan, prepared.Inputs, journal, progress, ct);
            sampler.Stop();
            await side.ScoreAsync(journal, async () => sandbox ??= await SandboxExecutor.StartAsync(helpers.Python, settings.Sandbox, environment, ct), checker, ct);
            records = await journal.RecordsAsync(ct);
        }
        finally
        {
            if (sandbox is not null)
            {
                // Which isolation held the generated code, as observed by the sandbox's own probe.
                notes.Add($"sandbox: {string.Join("; ", sandbox.Isolation.Describe().Skip(1).Take(5))}");
                using var closing = RunPhases.Start(RunPhases.SandboxClose);
                await sandbox.DisposeAsync();
            }
        }
        return await side.SummarizeAsync(resultsPath, header, records, notes, partNotes, ct);
    }

    private async Task<IReadOnlyList<DomainIdlePower>> MeasureIdleAsync(EnergySampler sampler, CancellationToken ct)
    {
        using var phase = RunPhases.Start(RunPhases.Idle);
        return await IdlePower.MeasureAsync(sampler, settings.Measurement.Idle, _time, ct);
    }
}

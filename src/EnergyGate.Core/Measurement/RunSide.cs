using EnergyGate.Core.Configuration;
using EnergyGate.Core.Diagnostics;
using EnergyGate.Core.Energy;
using EnergyGate.Core.Generation;
using EnergyGate.Core.Scoring;
using EnergyGate.Core.Suites;
using EnergyGate.Core.Waste.Babbling;

namespace EnergyGate.Core.Measurement;

/// <summary>
/// One results file's worth of a run, from loading to summary: the plan and everything it loads,
/// the header that describes it, the scoring after generation and the summary. A run has one side;
/// an interleaved job (<see cref="InterleavedRun"/>) has two that share the sampler and the machine.
/// </summary>
internal sealed record RunSide(ResolvedSettings Settings, RunPlan Plan, PreparedRun Prepared, string SettingsHash, IReadOnlyDictionary<string, int> Expected)
{
    /// <summary>Builds the plan, loads its inputs and checks it against the plan limits.</summary>
    public static Task<RunSide> PrepareAsync(ResolvedSettings settings, Func<string, IDecoderSessionFactory> runtimes, CancellationToken ct) =>
        PrepareAsync(settings, RunPlan.Create(settings), runtimes, ct);

    /// <summary>Loads the inputs of <paramref name="plan"/>, built from <paramref name="settings"/>, and checks it against the plan limits.</summary>
    public static async Task<RunSide> PrepareAsync(ResolvedSettings settings, RunPlan plan, Func<string, IDecoderSessionFactory> runtimes, CancellationToken ct)
    {
        using var phase = RunPhases.Start(RunPhases.Prepare);
        var prepared = await RunPreparation.PrepareAsync(plan, settings, runtimes, ct);
        PlanLimits.EnsureWithin(plan, prepared.Inputs, settings.Measurement);
        // The whole plan's samples per cell, counted before a shard narrows the inputs: a merged file
        // (the first shard's header) must promise the whole plan, and rounds append to one file.
        var expected = plan.Cells.Select((c, i) => (c.Id, Count: prepared.Inputs[i].Problems.Count * c.Suite.SamplesPerTask * settings.Measurement.Repetitions))
            .ToDictionary(x => x.Id, x => x.Count, StringComparer.Ordinal);
        return new RunSide(settings, plan, prepared, RunFingerprint.SettingsHash(settings, plan), expected);
    }

    /// <summary>The results file's first record.</summary>
    public RunHeader Header(string toolVersion, DateTimeOffset startedAt, MeterSelection meters, IReadOnlyList<DomainIdlePower> idle) =>
        new(SettingsHash, toolVersion, startedAt, [.. Plan.Cells.Select(c => c.Id)], RunPreparation.Fingerprint(Plan, Prepared, meters, Settings.Decoding))
        {
            IdleWatts = idle.ToDictionary(d => d.Domain.Id, d => d.Watts),
            Meters = meters.Explanation,
            ExpectedSamples = Expected,
        };

    /// <summary>The suppression strategies this side's cells use.</summary>
    public HashSet<SuppressionStrategy> Strategies => [.. Prepared.Inputs.Select(i => i.Suppression)];

    /// <summary>Whether scoring or suppression needs the Python syntax checker (code problems, syntax or oracle suppression).</summary>
    public bool NeedsChecker => Strategies.Contains(SuppressionStrategy.Syntax) || Strategies.Contains(SuppressionStrategy.TestOracle)
        || Prepared.Inputs.Any(i => i.Problems.Any(p => p is CodeProblem));

    /// <summary>Scores the journal's unscored samples (after generation: evaluation is never charged to inference).</summary>
    public async Task ScoreAsync(ResultsJournal journal, Func<Task<SandboxExecutor>> sandbox, SyntaxChecker? checker, CancellationToken ct)
    {
        using var phase = RunPhases.Start(RunPhases.Scoring);
        var records = await journal.RecordsAsync(ct);
        var problems = Plan.Cells.Select((c, i) => (c.Id, Prepared.Inputs[i].Problems)).ToDictionary(x => x.Id, x => x.Problems);
        var scorers = Plan.Cells.ToDictionary(c => c.Id, c => SuiteDefinitions.Get(c.Suite.Name).Scorer);
        await RunScoring.ScoreAsync(records, problems, scorers, sandbox, checker, journal, ct);
    }

    /// <summary>Reads the finished file, writes its summary beside it and returns the outcome.</summary>
    public async Task<RunOutcome> SummarizeAsync(string resultsPath, RunHeader header, IReadOnlyList<string> notes, IReadOnlyList<string> partNotes, CancellationToken ct)
    {
        var (all, _) = await ResultsJournal.ReadAsync(resultsPath, ct);
        return await SummarizeAsync(resultsPath, header, all, notes, partNotes, ct);
    }

    /// <summary>
    /// Summarises <paramref name="all"/>, the records the journal holds (those of a resumed file and
    /// those written since), checked by the same rules as a read; reading the file back would parse
    /// every line again for the same records.
    /// </summary>
    public async Task<RunOutcome> SummarizeAsync(string resultsPath, RunHeader header, IReadOnlyList<JournalRecord> all, IReadOnlyList<string> notes, IReadOnlyList<string> partNotes, CancellationToken ct)
    {
        using var phase = RunPhases.Start(RunPhases.Summary);
        ResultsJournal.Validate(all, resultsPath);
        var ks = Plan.Cells.ToDictionary(c => c.Id, c => c.Suite.K);
        var summary = new RunSummaryFile(header, Path.GetFullPath(resultsPath), RunSummarizer.Summarize(all, ks))
        {
            Incomplete = RunCompleteness.Incomplete(header, all, resultsPath),
            Noise = Noise.NoiseSummary.From(all),
        };
        var summaryPath = RunSummaryFile.PathFor(resultsPath);
        await summary.WriteAsync(summaryPath, ct);
        return new RunOutcome(resultsPath, summaryPath, summary, notes)
        {
            NoiseNote = Noise.NoiseText.ConsoleLine(summary.Noise, Settings.Gate),
            PartNotes = partNotes,
            Records = all,
            Study = SuppressionStudy.Analyze(all),
            Amplification = [.. all.OfType<SampleRecord>().GroupBy(s => s.Cell, StringComparer.Ordinal)
                .Select(g => $"{g.Key}: {Waste.Amplification.AmplificationReport.MarkdownLine(Waste.Amplification.PrefillAmplification.FromJournal(g))}")],
        };
    }
}

using EnergyGate.Core.Configuration;

namespace EnergyGate.Core.Measurement;

/// <summary>
/// The cells of a run and the order their passes happen in. Repetitions run in rounds; inside a
/// round the cells come in a seeded shuffled order, so slow drift of the machine (heat, background
/// load) spreads over all cells instead of biasing whichever ran last. Each cell's warm-up runs
/// right before its first recorded repetition.
/// </summary>
/// <param name="Cells">suite x model x runtime, in configuration order.</param>
/// <param name="Steps">Every pass in execution order.</param>
public sealed record RunPlan(IReadOnlyList<RunCell> Cells, IReadOnlyList<RunStep> Steps)
{
    /// <summary>Builds the plan from resolved settings.</summary>
    public static RunPlan Create(ResolvedSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var cells = (
            from suite in StudyVariants(settings)
            from model in settings.Models
            from runtime in settings.Runtimes
            from batch in settings.Batches
            select new RunCell(suite, model, runtime) { Batch = batch }).ToList();
        var measurement = settings.Measurement;
        // Before anything is allocated per repetition: every step makes at least one generation, so
        // steps alone beyond the ceiling are refused here, whatever the suites' task counts turn out to be.
        PlanLimits.EnsureWithin(
            PlanLimits.CountSamples([.. cells.Select(_ => (1, 1))], measurement.Repetitions, measurement.Warmup),
            string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{cells.Count} cells x ({measurement.Repetitions} repetitions + {measurement.Warmup} warm-up), before counting tasks"));
        var random = new Random(measurement.Seed);
        var steps = new List<RunStep>();
        var warmedUp = new bool[cells.Count];
        for (var repetition = 0; repetition < measurement.Repetitions; repetition++)
        {
            var order = Enumerable.Range(0, cells.Count).ToArray();
            random.Shuffle(order);
            foreach (var cell in order)
            {
                if (!warmedUp[cell])
                {
                    warmedUp[cell] = true;
                    steps.AddRange(Enumerable.Repeat(new RunStep(cell, -1), measurement.Warmup));
                }
                steps.Add(new RunStep(cell, repetition));
            }
        }
        return new RunPlan(cells, steps);
    }

    /// <summary>
    /// Only the repetitions of round <paramref name="round"/> (repetition r belongs to round
    /// r mod N + 1), each cell's warm-ups moved right before its first kept repetition. Rounds of
    /// one plan appended to one results file (<c>--resume</c>) make the whole run, which lets two
    /// builds alternate round by round on one machine.
    /// </summary>
    public RunPlan OnlyRound(Sharding.PartSpec round)
    {
        var warmups = Steps.Where(s => s.IsWarmup).GroupBy(s => s.Cell).ToDictionary(g => g.Key, g => g.Count());
        var warmedUp = new HashSet<int>();
        var steps = new List<RunStep>();
        foreach (var step in Steps.Where(s => !s.IsWarmup && s.Repetition % round.Count == round.Index - 1))
        {
            if (warmedUp.Add(step.Cell))
            {
                steps.AddRange(Enumerable.Repeat(new RunStep(step.Cell, -1), warmups.GetValueOrDefault(step.Cell)));
            }
            steps.Add(step);
        }
        return this with { Steps = steps };
    }

    /// <summary>
    /// The suites to run: as configured, or for a suppression study each code-generation suite once
    /// per strategy (none first: the study measures savings against it).
    /// </summary>
    private static IEnumerable<SuiteSettings> StudyVariants(ResolvedSettings settings) =>
        settings.SuppressionStudy
            ? settings.Suites.SelectMany(s => Suites.SuiteDefinitions.Get(s.Name).Kind != Suites.SuiteKind.Generation
                ? [s]
                : Suites.SuppressionNames.All.Select(strategy => s with { Suppression = strategy, Variant = strategy }))
            : settings.Suites;
}

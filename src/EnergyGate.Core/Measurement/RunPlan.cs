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
            select new RunCell(suite, model, runtime)).ToList();
        var measurement = settings.Measurement;
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
    /// The suites to run: as configured, or for a suppression study each code-generation suite once
    /// per strategy (none first: the study measures savings against it).
    /// </summary>
    private static IEnumerable<SuiteSettings> StudyVariants(ResolvedSettings settings) =>
        settings.SuppressionStudy
            ? settings.Suites.SelectMany(s => Suites.SuiteNames.IsUnderstanding(s.Name)
                ? [s]
                : Suites.SuppressionNames.All.Select(strategy => s with { Suppression = strategy, Variant = strategy }))
            : settings.Suites;
}

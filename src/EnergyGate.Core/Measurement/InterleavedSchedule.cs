namespace EnergyGate.Core.Measurement;

/// <summary>
/// The order of an interleaved job: base (lane 0) and head (lane 1) alternate pass by pass, ABBA
/// by repetition (AB in even repetitions, BA in odd ones), in the base plan's cell order. Drift of
/// the machine (heat, a neighbour arriving) then hits both sides of every pair alike, and neither
/// side is always the one that runs right after another cell. Each cell's warm-ups (both sides')
/// run right before its first pair.
/// </summary>
public static class InterleavedSchedule
{
    /// <summary>The base's lane index.</summary>
    public const int Base = 0;

    /// <summary>The head's lane index.</summary>
    public const int Head = 1;

    /// <summary>How the sides alternate, for the results files' headers and the report.</summary>
    public const string Order = "ABBA by repetition";

    /// <summary>Builds the schedule; both plans must have the same cells (by index) and repetitions.</summary>
    /// <exception cref="ArgumentException">The plans cannot be paired pass by pass.</exception>
    public static IReadOnlyList<LaneStep> Create(RunPlan basePlan, RunPlan headPlan)
    {
        ArgumentNullException.ThrowIfNull(basePlan);
        ArgumentNullException.ThrowIfNull(headPlan);
        if (basePlan.Cells.Count != headPlan.Cells.Count)
        {
            throw new ArgumentException($"base has {basePlan.Cells.Count} cells, head {headPlan.Cells.Count}", nameof(headPlan));
        }
        var warmups = new[] { basePlan, headPlan }.Select(p => p.Steps.Where(s => s.IsWarmup).GroupBy(s => s.Cell).ToDictionary(g => g.Key, g => g.Count())).ToArray();
        var headSteps = headPlan.Steps.Where(s => !s.IsWarmup).ToHashSet();
        var steps = new List<LaneStep>();
        var warmedUp = new HashSet<int>();
        foreach (var step in basePlan.Steps.Where(s => !s.IsWarmup))
        {
            if (!headSteps.Remove(step))
            {
                throw new ArgumentException($"the head plan has no repetition {step.Repetition + 1} of cell {step.Cell + 1}", nameof(headPlan));
            }
            if (warmedUp.Add(step.Cell))
            {
                foreach (var lane in new[] { Base, Head })
                {
                    steps.AddRange(Enumerable.Repeat(new LaneStep(lane, new RunStep(step.Cell, -1)), warmups[lane].GetValueOrDefault(step.Cell)));
                }
            }
            var (first, second) = step.Repetition % 2 == 0 ? (Base, Head) : (Head, Base);
            steps.Add(new LaneStep(first, step));
            steps.Add(new LaneStep(second, step));
        }
        if (headSteps.Count > 0)
        {
            throw new ArgumentException($"the head plan has {headSteps.Count} repetitions the base plan lacks", nameof(headPlan));
        }
        return steps;
    }
}

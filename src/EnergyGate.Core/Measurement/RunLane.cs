namespace EnergyGate.Core.Measurement;

/// <summary>
/// What one results file measures: a plan, its prepared inputs and the journal its samples go to.
/// A single run has one lane; an interleaved job (<see cref="InterleavedSchedule"/>) has two, base
/// and head, whose passes alternate in one process.
/// </summary>
/// <param name="Plan">The lane's cells and its own step order.</param>
/// <param name="Inputs">Per cell of <paramref name="Plan"/>, in plan order.</param>
/// <param name="Journal">Where the lane's samples and noise probes are appended.</param>
public sealed record RunLane(RunPlan Plan, IReadOnlyList<CellInputs> Inputs, ResultsJournal Journal)
{
    /// <summary>The syntax checker and sandbox this lane's suppression uses; null: the executor's.</summary>
    public WasteServices? Waste { get; init; }
}

/// <summary>One pass of one lane: which lane and which of its plan's steps.</summary>
/// <param name="Lane">Index into the executor's lanes.</param>
/// <param name="Step">The pass within that lane's plan.</param>
public readonly record struct LaneStep(int Lane, RunStep Step);

using EnergyGate.Core.Configuration;

namespace EnergyGate.Core.Measurement;

/// <summary>One cell of the run matrix: a suite on a model in a runtime with a provider.</summary>
/// <param name="Suite">The suite and its scoring settings.</param>
/// <param name="Model">The model under test.</param>
/// <param name="Runtime">The runtime and execution provider.</param>
public sealed record RunCell(SuiteSettings Suite, ModelSettings Model, RuntimeSettings Runtime)
{
    /// <summary>The gate's key for this cell; a named runtime entry appears under its name.</summary>
    public Baselines.CellKey Key => new(Suite.Label, Model.Name, Runtime.Label, Runtime.Provider);

    /// <summary>Stable id used in results files and reports: <c>suite/model/runtime/provider</c>.</summary>
    public string Id => Key.ToString();
}

/// <summary>One pass over a cell's problems: a warm-up (not recorded) or a numbered repetition.</summary>
/// <param name="Cell">Index into <see cref="RunPlan.Cells"/>.</param>
/// <param name="Repetition">0-based repetition number; -1 for a warm-up.</param>
public readonly record struct RunStep(int Cell, int Repetition)
{
    /// <summary>True for an unrecorded warm-up pass.</summary>
    public bool IsWarmup => Repetition < 0;
}

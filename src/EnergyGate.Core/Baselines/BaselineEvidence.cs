namespace EnergyGate.Core.Baselines;

/// <summary>What a baseline's values are evidence of, which decides the test the gate runs (docs/gating.md, "The unit of evidence").</summary>
public enum BaselineEvidence
{
    /// <summary>
    /// Per-repetition values pooled against the candidate's (Mann-Whitney). Only sound when both sides
    /// share the machine state, e.g. recorded samples in tests; the tool itself never builds it.
    /// </summary>
    Repetitions,

    /// <summary>Stored runs (a baseline file, or an unpaired results file as a one-run history): the run is the unit.</summary>
    Runs,

    /// <summary>Base and head measured in alternating rounds in one job (<c>compare --paired</c>): repetition i pairs with repetition i.</summary>
    Paired,
}

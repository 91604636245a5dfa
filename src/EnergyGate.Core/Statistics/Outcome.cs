namespace EnergyGate.Core.Statistics;

/// <summary>What a comparison concluded. Never a bool: "no evidence of change" and "too noisy to say" differ.</summary>
public enum Outcome
{
    /// <summary>No change that is both significant and large enough, and the data rule out a failing one.</summary>
    Indistinguishable,

    /// <summary>A significant change in the good direction, larger than the warn threshold.</summary>
    Better,

    /// <summary>A significant change in the bad direction, larger than the warn threshold and the absolute floor.</summary>
    Worse,

    /// <summary>No regression shown, but the interval still reaches the fail threshold: too noisy to decide.</summary>
    Inconclusive,

    /// <summary>Not compared: measured on a different machine class or meter kind.</summary>
    Incomparable,
}

/// <summary>How much a <see cref="Outcome.Worse"/> matters under the thresholds.</summary>
public enum Severity
{
    /// <summary>Not a regression.</summary>
    None,

    /// <summary>Above the warn threshold only: reported, does not fail.</summary>
    Warn,

    /// <summary>Above the fail threshold (see docs/gating.md for the exact rule).</summary>
    Fail,
}

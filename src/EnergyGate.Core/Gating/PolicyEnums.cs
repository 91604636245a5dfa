namespace EnergyGate.Core.Gating;

/// <summary>Which verdicts make the gate exit non-zero (key <c>fail-on</c>).</summary>
public enum FailOn
{
    /// <summary>Only a regression fails (exit 1). The default.</summary>
    Regression,

    /// <summary>A regression fails (exit 1), and so does an inconclusive comparison (exit 3).</summary>
    Inconclusive,

    /// <summary>Report only; always exit 0.</summary>
    Never,
}

/// <summary>What to do with a cell whose baseline was measured on another machine class or meter (key <c>incomparable</c>).</summary>
public enum IncomparableHandling
{
    /// <summary>Report EG1004 and exit 0. The default: a new runner should not block merges.</summary>
    Report,

    /// <summary>Report EG1004 and exit 3.</summary>
    Fail,

    /// <summary>Compare anyway and list the differences under "what changed" (same-job A/B on a trusted pool).</summary>
    CompareAnyway,
}

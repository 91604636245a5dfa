namespace EnergyGate.Core.Gating;

/// <summary>The gate's overall answer: the most serious thing found under the policy.</summary>
public enum GateVerdict
{
    /// <summary>Nothing to report beyond improvements or notices.</summary>
    Pass,

    /// <summary>Warn-level regressions or cells without a baseline; does not fail.</summary>
    Warning,

    /// <summary>A gated metric regressed beyond the fail threshold or accuracy dropped (exit 1).</summary>
    Regression,

    /// <summary>Too noisy to decide for some cell (exit 3 when the policy fails on inconclusive).</summary>
    Inconclusive,

    /// <summary>Some baseline was measured on another machine or meter (exit 3 when the policy says so).</summary>
    Incomparable,
}

/// <summary>Process exit codes the gate asks for; the tool's own codes use the same numbers.</summary>
public enum GateExitCode
{
    /// <summary>Pass (or a verdict the policy does not fail on).</summary>
    Pass = 0,

    /// <summary>Regression or accuracy drop.</summary>
    Regression = 1,

    /// <summary>Inconclusive or incomparable, when the policy fails on them.</summary>
    InconclusiveOrIncomparable = 3,
}

namespace EnergyGate.Core.Suites.EvalPlus;

/// <summary>
/// EvalPlus's time limits: each test may take <c>max(MinTimeLimit, GtTimeLimitFactor x the canonical
/// solution's time on that input)</c>, and all tests of one task together at most <see cref="TaskBudget"/>.
/// The defaults are EvalPlus's (<c>DEFAULT_MIN_TIME_LIMIT</c> = 4 s, <c>DEFAULT_GT_TIME_LIMIT_FACTOR</c> = 4,
/// <c>EVALPLUS_TIMEOUT_PER_TASK</c> = 60 s).
/// </summary>
/// <param name="MinTimeLimit">The least time any one test gets, in seconds.</param>
/// <param name="GtTimeLimitFactor">How many times the canonical solution's time a test gets.</param>
/// <param name="TaskBudget">The most time all tests of one task get together, in seconds.</param>
public sealed record EvalPlusTiming(double MinTimeLimit, double GtTimeLimitFactor, double TaskBudget)
{
    /// <summary>EvalPlus's defaults.</summary>
    public static EvalPlusTiming Default { get; } = new(4.0, 4.0, 60.0);

    /// <summary>
    /// The sandbox's wall-clock limit for one program: the canonical solution runs first on every input (to
    /// get the expected outputs and its times, as EvalPlus does once per dataset), then the completion, each
    /// within the task budget, plus a second for starting Python.
    /// </summary>
    public TimeSpan ProgramTimeLimit => TimeSpan.FromSeconds((2 * TaskBudget) + 1);
}

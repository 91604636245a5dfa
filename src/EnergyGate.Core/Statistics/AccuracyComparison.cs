namespace EnergyGate.Core.Statistics;

/// <summary>
/// Paired accuracy comparison of one cell over the tasks both sides ran. A task counts as solved
/// when at least half its samples pass (with greedy decoding every sample agrees).
/// </summary>
/// <param name="Tasks">Tasks present on both sides.</param>
/// <param name="UnpairedTasks">Tasks present on one side only (not compared).</param>
/// <param name="BaselinePassAt1">Baseline pass@1 over the paired tasks, in [0, 1].</param>
/// <param name="CandidatePassAt1">Candidate pass@1 over the paired tasks, in [0, 1].</param>
/// <param name="Lost">Tasks solved by the baseline and not the candidate.</param>
/// <param name="Gained">Tasks solved by the candidate and not the baseline.</param>
/// <param name="DropPoints">Baseline minus candidate pass@1 in percentage points (negative = improvement).</param>
/// <param name="PValue">Exact one-sided McNemar p-value for "the candidate is worse".</param>
/// <param name="Outcome">The decision.</param>
/// <param name="Reason">One sentence saying why, for reports.</param>
public sealed record AccuracyComparison(
    int Tasks,
    int UnpairedTasks,
    double BaselinePassAt1,
    double CandidatePassAt1,
    int Lost,
    int Gained,
    double DropPoints,
    double PValue,
    Outcome Outcome,
    string Reason);

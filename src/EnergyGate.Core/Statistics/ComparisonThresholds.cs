namespace EnergyGate.Core.Statistics;

/// <summary>What counts as a regression for one metric in one cell.</summary>
/// <param name="Warn">Relative change that is reported, e.g. 0.05 for +5%.</param>
/// <param name="Fail">Relative change that fails, e.g. 0.10 for +10%; at least <paramref name="Warn"/>.</param>
/// <param name="AbsoluteFloor">Smallest change in the metric's unit that can count at all (e.g. 0.001 J).</param>
/// <param name="Alpha">Significance level of the one-sided Mann-Whitney test.</param>
/// <param name="Confidence">Level of the reported two-sided interval (0.95).</param>
/// <param name="FailConfidence">One-sided confidence that the change exceeds <paramref name="Warn"/> which also fails (0.95).</param>
/// <param name="RunDrift">
/// Allowance for drift between runs added to both thresholds when the baseline holds a single run
/// (0.17: two A/A runs minutes apart differed by up to 17 % on the build VMs).
/// </param>
public sealed record ComparisonThresholds(
    double Warn, double Fail, double AbsoluteFloor, double Alpha, double Confidence = 0.95, double FailConfidence = 0.95, double RunDrift = 0.17)
{
    /// <summary>The defaults: warn +5%, fail +10%, floor 0.001 (J for energy metrics), alpha 0.01, 95% interval.</summary>
    public static ComparisonThresholds Default { get; } = new(0.05, 0.10, 0.001, 0.01);
}

namespace EnergyGate.Core.Statistics;

/// <summary>
/// One metric of one cell, baseline against candidate. <see cref="Ratio"/> is candidate/baseline in
/// the metric's own terms (1.10 = the number grew 10%), whichever direction is better.
/// </summary>
/// <param name="Metric">Metric id.</param>
/// <param name="BaselineCount">Repetitions on the baseline side.</param>
/// <param name="CandidateCount">Repetitions on the candidate side.</param>
/// <param name="BaselineMedian">Median of the baseline repetitions.</param>
/// <param name="CandidateMedian">Median of the candidate repetitions.</param>
/// <param name="Ratio">Hodges-Lehmann candidate/baseline ratio with its interval; NaN when the baseline median is not positive.</param>
/// <param name="PValueWorse">One-sided Mann-Whitney p-value for "the candidate is worse".</param>
/// <param name="PValueBetter">One-sided Mann-Whitney p-value for "the candidate is better".</param>
/// <param name="Outcome">The decision.</param>
/// <param name="Severity">For <see cref="Outcome.Worse"/>: warn or fail.</param>
/// <param name="Reason">One sentence saying why, for reports.</param>
public sealed record MetricComparison(
    string Metric,
    int BaselineCount,
    int CandidateCount,
    double BaselineMedian,
    double CandidateMedian,
    EffectInterval Ratio,
    double PValueWorse,
    double PValueBetter,
    Outcome Outcome,
    Severity Severity,
    string Reason);

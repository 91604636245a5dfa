namespace EnergyGate.Core.Statistics;

/// <summary>Which way a metric improves; decides which side of a change is "worse".</summary>
public enum MetricDirection
{
    /// <summary>Smaller is better (joules, seconds, tokens).</summary>
    LowerIsBetter,

    /// <summary>Larger is better (tokens per second).</summary>
    HigherIsBetter,
}

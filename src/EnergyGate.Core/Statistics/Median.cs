namespace EnergyGate.Core.Statistics;

/// <summary>The sample median (mean of the two middle values for an even count).</summary>
public static class Median
{
    /// <summary>The median of <paramref name="values"/>; NaN when empty.</summary>
    public static double Of(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return double.NaN;
        }
        var sorted = values.Order().ToArray();
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}

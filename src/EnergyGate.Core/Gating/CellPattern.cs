using EnergyGate.Core.Baselines;

namespace EnergyGate.Core.Gating;

/// <summary>Cell patterns in policies: the cell's string form with any part replaced by <c>*</c>.</summary>
public static class CellPattern
{
    /// <summary>Whether <paramref name="pattern"/> (e.g. <c>humaneval/*/onnx/*</c>, or <c>*</c> for all) names <paramref name="cell"/>.</summary>
    public static bool Matches(string pattern, CellKey cell)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(cell);
        if (pattern == "*")
        {
            return true;
        }
        var parts = pattern.Split('/');
        var actual = cell.ToString().Split('/');
        return parts.Length == actual.Length && parts.Zip(actual).All(p => p.First == "*" || p.First == p.Second);
    }
}

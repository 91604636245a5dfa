using System.Globalization;

namespace EnergyGate.Core.Measurement.Sharding;

/// <summary>
/// Part <see cref="Index"/> of <see cref="Count"/> (1-based), as written on the command line:
/// <c>--shard 2/4</c> (a quarter of the plan's work units) or <c>--round 1/3</c> (a third of its repetitions).
/// </summary>
/// <param name="Index">1-based part number.</param>
/// <param name="Count">How many parts.</param>
public readonly record struct PartSpec(int Index, int Count)
{
    /// <summary>Parses <c>I/N</c>; <paramref name="option"/> names the option in the error.</summary>
    public static PartSpec Parse(string text, string option)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split('/');
        if (parts.Length != 2
            || !int.TryParse(parts[0].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            || !int.TryParse(parts[1].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            throw new EnergyGateException($"EG2040: {option} {text}: expected I/N with whole numbers, e.g. {option} 2/4.");
        }
        if (count < 1)
        {
            throw new EnergyGateException($"EG2040: {option} {text}: N must be at least 1.");
        }
        if (index < 1 || index > count)
        {
            throw new EnergyGateException($"EG2040: {option} {text}: I must be 1..N (here 1..{count}).");
        }
        return new PartSpec(index, count);
    }

    /// <summary><c>I/N</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Index}/{Count}");
}

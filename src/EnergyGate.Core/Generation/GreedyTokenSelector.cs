namespace EnergyGate.Core.Generation;

/// <summary>Argmax: the highest logit wins, ties go to the lowest id so the result never depends on the runtime's order.</summary>
public sealed class GreedyTokenSelector : ITokenSelector
{
    /// <summary>The stateless shared instance.</summary>
    public static GreedyTokenSelector Instance { get; } = new();

    /// <inheritdoc />
    public int SelectToken(ReadOnlySpan<float> logits, int position) => ArgMax(logits, position);

    /// <summary>Index of the largest value, lowest index on ties, NaN skipped.</summary>
    /// <exception cref="EnergyGateException">Every value is NaN (or there are none).</exception>
    public static int ArgMax(ReadOnlySpan<float> logits, int position)
    {
        var best = -1;
        var bestValue = float.NegativeInfinity;
        for (var i = 0; i < logits.Length; i++)
        {
            var value = logits[i];
            // Strictly greater keeps the first of equal values; NaN compares false and is skipped.
            if (value > bestValue || (best < 0 && !float.IsNaN(value)))
            {
                best = i;
                bestValue = value;
            }
        }
        return best >= 0 ? best : throw NoUsableLogits(logits.Length, position);
    }

    internal static EnergyGateException NoUsableLogits(int count, int position) =>
        new($"the model returned no usable logits for generated token {position} ({count} values, all NaN or -infinity): " +
            "the runtime or the model export is broken");
}

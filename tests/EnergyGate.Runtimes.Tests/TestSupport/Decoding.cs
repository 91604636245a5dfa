using EnergyGate.Core.Generation;

namespace EnergyGate.Runtimes.Tests.TestSupport;

/// <summary>Minimal greedy decoding and reference passes over any <see cref="IDecoderSession"/>.</summary>
internal static class Decoding
{
    public static int ArgMax(ReadOnlySpan<float> logits)
    {
        int best = 0;
        for (int i = 1; i < logits.Length; i++)
        {
            if (logits[i] > logits[best])
            {
                best = i;
            }
        }

        return best;
    }

    public static List<int> Greedy(IDecoderSession session, int[] prompt, int newTokens)
    {
        var output = new List<int>(newTokens);
        int next = ArgMax(session.Prefill(prompt));
        for (int i = 0; i < newTokens; i++)
        {
            output.Add(next);
            if (i + 1 < newTokens)
            {
                next = ArgMax(session.Decode(next));
            }
        }

        return output;
    }

    /// <summary>
    /// For each step of an incremental run (prefill of <paramref name="prompt"/> then decoding
    /// <paramref name="continuation"/> one by one), the largest difference from a full pass without
    /// cache over the same tokens.
    /// </summary>
    public static float MaxDifferenceFromFullPass(IDecoderSession incremental, IDecoderSession full, int[] prompt, int[] continuation)
    {
        float worst = Diff(incremental.Prefill(prompt).ToArray(), full.Prefill(prompt));
        var sequence = prompt.ToList();
        foreach (int token in continuation)
        {
            var step = incremental.Decode(token).ToArray();
            sequence.Add(token);
            worst = Math.Max(worst, Diff(step, full.Prefill(sequence.ToArray())));
        }

        return worst;
    }

    private static float Diff(float[] a, ReadOnlySpan<float> b)
    {
        Assert.Equal(a.Length, b.Length);
        float worst = 0;
        for (int i = 0; i < a.Length; i++)
        {
            worst = Math.Max(worst, Math.Abs(a[i] - b[i]));
        }

        return worst;
    }
}

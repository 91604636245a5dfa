using EnergyGate.Core.Generation;
using EnergyGate.Runtimes.Tests.TestSupport;

namespace EnergyGate.Runtimes.Tests.Torch;

/// <summary>Compares two sessions over the same weights: greedy tokens and last-position logits.</summary>
internal static class TorchOnnxParity
{
    /// <summary>Five prompts of different lengths over the whole id range of a <paramref name="vocab"/>-id model.</summary>
    public static int[][] Prompts(int vocab) =>
    [
        [5],
        [1, 2, 3, 4, 5, 6, 7, 8],
        [100 % vocab, 50, 25, 12, 6, 3, 1, 0, vocab - 1, 256 % vocab, 400 % vocab, 401 % vocab],
        [.. Enumerable.Range(0, 40).Select(i => i * 37 % vocab)],
        [.. Enumerable.Range(0, 100).Select(i => (i * 101 + 7) % vocab)],
    ];

    public static void AssertSameGreedyTokens(IDecoderSession expected, IDecoderSession actual, int[] prompt, int newTokens)
    {
        var reference = Decoding.Greedy(expected, prompt, newTokens);
        Assert.Equal(reference, Decoding.Greedy(actual, prompt, newTokens));
        Assert.True(reference.Distinct().Count() > 1, "random weights should not give a constant sequence");
    }

    /// <summary>Largest |difference| of the logits after prefill and after each of <paramref name="steps"/> decode steps (feeding the reference's argmax).</summary>
    public static (float Prefill, float Decode) MaxLogitDifference(IDecoderSession expected, IDecoderSession actual, int[] prompt, int steps)
    {
        var reference = expected.Prefill(prompt).ToArray();
        float prefill = Diff(reference, actual.Prefill(prompt));
        float decode = 0;
        for (int i = 0; i < steps; i++)
        {
            int next = Decoding.ArgMax(reference);
            reference = expected.Decode(next).ToArray();
            decode = Math.Max(decode, Diff(reference, actual.Decode(next)));
        }

        return (prefill, decode);
    }

    public static float Diff(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        Assert.Equal(a.Length, b.Length);
        float worst = 0;
        for (int i = 0; i < a.Length; i++)
        {
            Assert.True(float.IsFinite(b[i]), $"logit {i} is {b[i]}");
            worst = Math.Max(worst, Math.Abs(a[i] - b[i]));
        }

        return worst;
    }
}

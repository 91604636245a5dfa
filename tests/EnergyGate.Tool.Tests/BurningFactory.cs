using EnergyGate.Core.Configuration;
using EnergyGate.Core.Generation;

namespace EnergyGate.Tool.Tests;

/// <summary>
/// A runtime decorator that does a fixed amount of extra arithmetic after every decode step: a
/// known, deterministic regression in decode joules per token (CPU time is what the estimate meter sees).
/// </summary>
internal sealed class BurningFactory(IDecoderSessionFactory inner, int iterationsPerToken) : IDecoderSessionFactory
{
    public string Runtime => inner.Runtime;

    public string Version => inner.Version;

    public IDecoderSession Open(string modelDirectory, RuntimeSettings runtime) =>
        new BurningSession(inner.Open(modelDirectory, runtime), iterationsPerToken);

    private sealed class BurningSession(IDecoderSession inner, int iterations) : IDecoderSession
    {
        public static double Sink;

        public int VocabularySize => inner.VocabularySize;

        public int MaxSequenceLength => inner.MaxSequenceLength;

        public string Description => inner.Description + " (burning)";

        public ReadOnlySpan<float> Prefill(ReadOnlySpan<int> promptIds) => inner.Prefill(promptIds);

        public ReadOnlySpan<float> Decode(int tokenId)
        {
            var x = 1.0;
            for (var i = 0; i < iterations; i++)
            {
                x = Math.Sqrt(x + i);
            }
            Sink = x;
            return inner.Decode(tokenId);
        }

        public void Reset() => inner.Reset();

        public void Dispose() => inner.Dispose();
    }
}

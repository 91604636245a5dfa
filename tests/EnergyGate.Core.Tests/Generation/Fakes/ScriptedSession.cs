using EnergyGate.Core.Generation;

namespace EnergyGate.Core.Tests.Generation.Fakes;

/// <summary>
/// A decoder whose logits put the scripted token on top at each step (then a filler 'x'), which
/// records every call and advances an optional fake clock by a fixed cost per forward pass.
/// </summary>
public sealed class ScriptedSession(params int[] script) : IDecoderSession
{
    public const int Filler = 'x';
    private float[] _logits = [];
    private int _step;

    public int VocabularySize { get; init; } = 300;

    public int MaxSequenceLength { get; init; } = 1024;

    public string Description => "fake/cpu scripted";

    public List<string> Calls { get; } = [];

    public FakeClock? Clock { get; init; }

    public long PrefillTicks { get; init; } = 1000;

    public long DecodeTicks { get; init; } = 100;

    /// <summary>Replaces the one-hot script with arbitrary logits per step.</summary>
    public Func<int, float[]>? LogitsAt { get; init; }

    public int DecodeCount => Calls.Count(c => c.StartsWith("Decode", StringComparison.Ordinal));

    public ReadOnlySpan<float> Prefill(ReadOnlySpan<int> promptIds)
    {
        Calls.Add($"Prefill:{promptIds.Length}");
        Clock?.Advance(PrefillTicks);
        _step = 0;
        return Next();
    }

    public ReadOnlySpan<float> Decode(int tokenId)
    {
        Calls.Add($"Decode:{tokenId}");
        Clock?.Advance(DecodeTicks);
        _step++;
        return Next();
    }

    public void Reset()
    {
        Calls.Add("Reset");
        _step = 0;
    }

    public void Dispose() { }

    private float[] Next()
    {
        if (LogitsAt is not null)
            return LogitsAt(_step);
        // Reuse one buffer, like a real runtime: the generator must not keep logits across calls.
        if (_logits.Length != VocabularySize)
            _logits = new float[VocabularySize];
        Array.Clear(_logits);
        _logits[_step < script.Length ? script[_step] : Filler] = 10f;
        return _logits;
    }
}

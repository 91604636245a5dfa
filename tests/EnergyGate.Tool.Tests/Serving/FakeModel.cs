using EnergyGate.Core.Generation;
using EnergyGate.Core.Generation.Batching;

namespace EnergyGate.Tool.Tests.Serving;

/// <summary>One character per token (ids are char codes below 128), no end-of-sequence id.</summary>
internal sealed class CharTokenizer : ITextTokenizer
{
    public IReadOnlyList<int> EndOfSequenceIds { get; } = [];

    public IReadOnlyList<int> Encode(string text) => [.. text.Select(c => c % 128)];

    public string Decode(IEnumerable<int> ids) => new([.. ids.Select(id => (char)id)]);
}

/// <summary>
/// A model without weights: after a letter comes the next one ('z' then 'a'), in any number of slots; a prompt
/// holding <see cref="Poison"/> makes its prefill throw, as a runtime failure would.
/// </summary>
internal sealed class FakeBatchSession(int slots, int context = 64) : IBatchDecoderSession
{
    public const char Poison = '!';
    private readonly bool[] _occupied = new bool[slots];
    private readonly float[] _logits = new float[128 * slots];

    public int VocabularySize => 128;

    public int MaxSequenceLength => context;

    public int MaxBatchSize => slots;

    public string Description => "fake/cpu letters";

    public string Batching => "fake";

    public ReadOnlySpan<float> Prefill(ReadOnlySpan<int> slots, IReadOnlyList<int[]> prompts)
    {
        if (prompts.Any(p => p.Contains(Poison)))
            throw new InvalidOperationException("the fake runtime ran out of memory");
        foreach (var slot in slots)
        {
            _occupied[slot] = true;
        }
        return Next([.. prompts.Select(p => p[^1])]);
    }

    public ReadOnlySpan<float> Decode(ReadOnlySpan<int> slots, ReadOnlySpan<int> tokens) => Next(tokens.ToArray());

    public void Release(int slot) => _occupied[slot] = false;

    public void Dispose()
    {
    }

    private ReadOnlySpan<float> Next(int[] last)
    {
        Array.Clear(_logits);
        for (var i = 0; i < last.Length; i++)
        {
            _logits[(i * 128) + 'a' + ((((last[i] - 'a' + 1) % 26) + 26) % 26)] = 1;
        }
        return _logits.AsSpan(0, last.Length * 128);
    }
}

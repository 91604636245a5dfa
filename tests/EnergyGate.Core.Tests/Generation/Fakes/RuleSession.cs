using EnergyGate.Core.Generation;
using EnergyGate.Core.Generation.Batching;

namespace EnergyGate.Core.Tests.Generation.Fakes;

/// <summary>
/// A model whose next token is a pure function of the sequence so far (a lower-case letter, or the
/// end-of-sequence id when the sequence's length is a multiple of the prompt's first byte), as a
/// one-sequence session and as a batch session: batched results must equal one at a time exactly.
/// </summary>
public static class RuleModel
{
    public const int Vocab = 300;

    public static int Next(IReadOnlyList<int> sequence)
    {
        var sum = 0;
        foreach (var id in sequence)
        {
            sum += id;
        }
        return sequence.Count % Math.Max(5, sequence[0] % 23) == 0 ? ByteTokenizer.Eos : 'a' + (sum % 26);
    }

    public static void OneHot(float[] logits, int offset, int token)
    {
        Array.Clear(logits, offset, Vocab);
        logits[offset + token] = 1;
    }
}

/// <summary>The rule model, one sequence at a time.</summary>
public sealed class RuleSession : IDecoderSession
{
    private readonly List<int> _sequence = [];
    private readonly float[] _logits = new float[RuleModel.Vocab];

    public int VocabularySize => RuleModel.Vocab;
    public int MaxSequenceLength { get; init; } = 1024;
    public string Description => "fake/cpu rule";

    public ReadOnlySpan<float> Prefill(ReadOnlySpan<int> promptIds)
    {
        _sequence.Clear();
        _sequence.AddRange(promptIds.ToArray());
        RuleModel.OneHot(_logits, 0, RuleModel.Next(_sequence));
        return _logits;
    }

    public ReadOnlySpan<float> Decode(int tokenId)
    {
        _sequence.Add(tokenId);
        RuleModel.OneHot(_logits, 0, RuleModel.Next(_sequence));
        return _logits;
    }

    public void Reset() => _sequence.Clear();
    public void Dispose() { }
}

/// <summary>The rule model with slots; every call is logged and advances the clock by a fixed cost.</summary>
public sealed class RuleBatchSession(int slotCount, FakeClock? clock = null) : IBatchDecoderSession
{
    private readonly List<int>?[] _sequences = new List<int>?[slotCount];
    private readonly float[] _logits = new float[slotCount * RuleModel.Vocab];

    public int VocabularySize => RuleModel.Vocab;
    public int MaxSequenceLength { get; init; } = 1024;
    public int MaxBatchSize => slotCount;
    public int? PrefillGroup { get; init; }
    public int PrefillBatch => PrefillGroup ?? MaxBatchSize;
    public string Description => "fake/cpu rule";
    public string Batching => "one list per slot";
    public List<string> Calls { get; } = [];
    public long PrefillTicksPerToken { get; init; } = 10;
    public long DecodeTicks { get; init; } = 100;

    public ReadOnlySpan<float> Prefill(ReadOnlySpan<int> slots, IReadOnlyList<int[]> prompts)
    {
        Calls.Add($"Prefill:{string.Join(',', slots.ToArray())}");
        for (var i = 0; i < slots.Length; i++)
        {
            if (_sequences[slots[i]] is not null)
                throw new ArgumentException($"slot {slots[i]} is occupied");
            _sequences[slots[i]] = [.. prompts[i]];
            RuleModel.OneHot(_logits, i * RuleModel.Vocab, RuleModel.Next(_sequences[slots[i]]!));
            clock?.Advance(prompts[i].Length * PrefillTicksPerToken);
        }
        return _logits.AsSpan(0, slots.Length * RuleModel.Vocab);
    }

    public ReadOnlySpan<float> Decode(ReadOnlySpan<int> slots, ReadOnlySpan<int> tokens)
    {
        Calls.Add($"Decode:{string.Join(',', slots.ToArray())}");
        var occupied = Enumerable.Range(0, slotCount).Where(s => _sequences[s] is not null).ToArray();
        if (!occupied.SequenceEqual(slots.ToArray()))
            throw new ArgumentException("decode must name every occupied slot in ascending order");
        for (var i = 0; i < slots.Length; i++)
        {
            var sequence = _sequences[slots[i]]!;
            sequence.Add(tokens[i]);
            RuleModel.OneHot(_logits, i * RuleModel.Vocab, RuleModel.Next(sequence));
        }
        clock?.Advance(DecodeTicks);
        return _logits.AsSpan(0, slots.Length * RuleModel.Vocab);
    }

    public void Release(int slot)
    {
        Calls.Add($"Release:{slot}");
        _sequences[slot] = null;
    }

    public void Dispose() { }
}

using EnergyGate.Core;
using EnergyGate.Core.Configuration;
using EnergyGate.Core.Generation.Batching;
using EnergyGate.Core.Models.Tiny;
using EnergyGate.Core.Runtimes;
using EnergyGate.Runtimes.Tests.TestSupport;

namespace EnergyGate.Runtimes.Tests.Contracts;

/// <summary>
/// What every batching runtime's <see cref="IBatchDecoderSession"/> must do, on both built-in
/// architectures: greedy tokens at any batch size, with joins and leaves in between, equal the
/// one-sequence session's token for token (padding must not change results).
/// </summary>
[Collection(NativeMemoryTests.Name)]
public abstract class BatchDecoderSessionContract(TinyModelFixture gpt2, TinyLlamaFixture llama)
{
    /// <summary>The runtime under test.</summary>
    protected abstract IRuntimeDescriptor Runtime { get; }

    /// <summary>The entry it runs under (provider cpu, one thread: deterministic kernels).</summary>
    protected virtual RuntimeSettings Settings => new(Runtime.Runtime, "cpu", 0, 1, false);

    private (string Folder, TinyModelSpec Spec) Model(string architecture) =>
        architecture == "llama" ? (llama.Folder, llama.Spec) : (gpt2.Folder, gpt2.Spec);

    private string Prepared(string architecture)
    {
        var (folder, spec) = Model(architecture);
        var model = new ResolvedModel(new ModelSettings("tiny", ModelSettings.BuiltinTiny.Source, null), folder, spec);
        return Runtime.PrepareModel(model, Settings);
    }

    /// <summary>Prompts of different lengths, so every batch needs padding.</summary>
    private static int[][] Prompts(int vocab, int count) =>
        [.. Enumerable.Range(0, count).Select(p => Enumerable.Range(0, 3 + (p * 7 % 23)).Select(i => (i * 37 + p * 101 + 11) % vocab).ToArray())];

    private List<int>[] OneAtATime(string architecture, int[][] prompts, int newTokens)
    {
        using var single = Runtime.Open(Prepared(architecture), Settings);
        return [.. prompts.Select(p => Decoding.Greedy(single, p, newTokens))];
    }

    [Theory]
    [InlineData("gpt2", 4)]
    [InlineData("llama", 4)]
    [InlineData("gpt2", 16)]
    [InlineData("llama", 16)]
    public void Greedy_tokens_of_a_padded_batch_equal_one_sequence_at_a_time(string architecture, int batch)
    {
        var vocab = Model(architecture).Spec.Vocab;
        var prompts = Prompts(vocab, batch);
        var expected = OneAtATime(architecture, prompts, 12);
        using var session = Runtime.OpenBatch(Prepared(architecture), Settings, batch);
        Assert.Equal(batch, session.MaxBatchSize);
        var slots = Enumerable.Range(0, batch).ToArray();
        var logits = session.Prefill(slots, prompts);
        var next = new int[batch];
        for (var i = 0; i < batch; i++)
        {
            next[i] = Decoding.ArgMax(logits.Slice(i * vocab, vocab));
        }
        var produced = slots.Select(_ => new List<int>()).ToArray();
        for (var step = 0; step < 12; step++)
        {
            for (var i = 0; i < batch; i++)
            {
                produced[i].Add(next[i]);
            }
            if (step == 11)
            {
                break;
            }
            logits = session.Decode(slots, next);
            for (var i = 0; i < batch; i++)
            {
                next[i] = Decoding.ArgMax(logits.Slice(i * vocab, vocab));
            }
        }
        for (var i = 0; i < batch; i++)
        {
            Assert.Equal(expected[i], produced[i]);
        }
    }

    [Theory]
    [InlineData("gpt2")]
    [InlineData("llama")]
    public void Sequences_that_leave_and_join_mid_batch_keep_their_greedy_tokens(string architecture)
    {
        // Continuous batching: 7 prompts through 3 slots; each sequence stops after its own count of
        // tokens, frees its slot, and the next prompt is prefilled into it while the others decode.
        var vocab = Model(architecture).Spec.Vocab;
        var prompts = Prompts(vocab, 7);
        var lengths = new[] { 5, 9, 3, 12, 6, 8, 4 };
        var expected = OneAtATime(architecture, prompts, 12);
        using var session = Runtime.OpenBatch(Prepared(architecture), Settings, 3);
        var produced = prompts.Select(_ => new List<int>()).ToArray();
        var inSlot = new int?[3];
        var nextToken = new int[3];
        var waiting = 0;
        while (waiting < prompts.Length || inSlot.Any(s => s is not null))
        {
            var free = Enumerable.Range(0, 3).Where(s => inSlot[s] is null).Take(prompts.Length - waiting).ToArray();
            if (free.Length > 0)
            {
                var joining = free.Select(_ => prompts[waiting++]).ToArray();
                var logits = session.Prefill(free, joining);
                for (var i = 0; i < free.Length; i++)
                {
                    inSlot[free[i]] = waiting - free.Length + i;
                    nextToken[free[i]] = Decoding.ArgMax(logits.Slice(i * vocab, vocab));
                }
            }
            foreach (var s in Enumerable.Range(0, 3).Where(s => inSlot[s] is not null))
            {
                var seq = inSlot[s]!.Value;
                produced[seq].Add(nextToken[s]);
                if (produced[seq].Count == lengths[seq])
                {
                    session.Release(s);
                    inSlot[s] = null;
                }
            }
            var active = Enumerable.Range(0, 3).Where(s => inSlot[s] is not null).ToArray();
            if (active.Length == 0)
            {
                continue;
            }
            var step = session.Decode(active, [.. active.Select(s => nextToken[s])]);
            for (var i = 0; i < active.Length; i++)
            {
                nextToken[active[i]] = Decoding.ArgMax(step.Slice(i * vocab, vocab));
            }
        }
        for (var i = 0; i < prompts.Length; i++)
        {
            Assert.Equal(expected[i].Take(lengths[i]), produced[i]);
        }
    }

    [Fact]
    public void Bad_calls_are_refused_with_the_reason()
    {
        var vocab = gpt2.Spec.Vocab;
        using var session = Runtime.OpenBatch(Prepared("gpt2"), Settings, 2);
        Assert.Throws<ArgumentException>(() => session.Prefill([0, 1], [[1, 2, 3]]));
        Assert.Throws<ArgumentException>(() => session.Prefill([2], [[1, 2, 3]]));
        Assert.Throws<ArgumentException>(() => session.Prefill([0], [[]]));
        Assert.Throws<EnergyGateException>(() => session.Prefill([0], [[1, vocab]]));
        Assert.Throws<EnergyGateException>(() => session.Prefill([0], [new int[gpt2.Spec.Context + 1]]));
        session.Prefill([1], [[1, 2, 3]]);
        Assert.Throws<ArgumentException>(() => session.Prefill([1], [[4]]));
        Assert.Throws<ArgumentException>(() => session.Decode([0], [5]));
        Assert.Throws<ArgumentException>(() => session.Decode([1], [5, 6]));
        Assert.Equal(vocab, session.Decode([1], [5]).Length);
        session.Release(1);
        session.Release(1);
        Assert.Throws<ArgumentException>(() => session.Decode([1], [5]));
    }

    [Fact]
    public void A_refused_provider_or_runtime_says_so()
    {
        Assert.Contains("cpu", Runtime.Definition.BatchingProviders);
        Assert.Null(Runtime.Definition.BatchingRefusal("cpu"));
    }
}

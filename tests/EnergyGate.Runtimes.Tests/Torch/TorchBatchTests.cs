using EnergyGate.Core;
using EnergyGate.Runtimes.Tests.Contracts;
using EnergyGate.Runtimes.Tests.TestSupport;
using EnergyGate.Runtimes.Torch;
using TorchSharp;
using Xunit.Abstractions;

namespace EnergyGate.Runtimes.Tests.Torch;

/// <summary>
/// The TorchSharp batch session beyond the contract: logits (not only greedy tokens) match one
/// sequence's through padding, joins and leaves; the shared time axis shrinks when a long sequence
/// leaves; native memory stays flat over many joins and leaves.
/// </summary>
[Collection(NativeMemoryTests.Name)]
public sealed class TorchBatchTests(TinyModelFixture gpt2, TinyLlamaFixture llama, ITestOutputHelper output)
    : IClassFixture<TinyModelFixture>, IClassFixture<TinyLlamaFixture>
{
    private static readonly TorchSessionOptions Cpu = new() { Provider = "cpu", Threads = 1 };

    private string Folder(string architecture) => architecture == "llama" ? llama.Folder : gpt2.Folder;

    private static int[] Prompt(int length, int seed, int vocab) => [.. Enumerable.Range(0, length).Select(i => (i * 53 + seed * 97 + 5) % vocab)];

    [Theory]
    [InlineData("gpt2")]
    [InlineData("llama")]
    public void Logits_through_padding_joins_and_leaves_are_within_1e_4_of_one_sequence(string architecture)
    {
        using var single = TorchDecoderSession.Open(Folder(architecture), Cpu);
        using var batch = TorchBatchDecoderSession.Open(Folder(architecture), Cpu, 6);
        int vocab = batch.VocabularySize;
        var history = new Dictionary<int, List<int>>();
        float worst = 0;

        // Every returned row against a full pass of one sequence over the same tokens; the next token
        // is the row's argmax, so the sequences go on as greedy decoding would.
        void Check(ReadOnlySpan<float> logits, int[] slots)
        {
            for (int i = 0; i < slots.Length; i++)
            {
                var row = logits.Slice(i * vocab, vocab);
                var expected = single.Prefill([.. history[slots[i]]]);
                for (int t = 0; t < vocab; t++)
                {
                    Assert.True(float.IsFinite(row[t]), $"slot {slots[i]} logit {t} is {row[t]}");
                    worst = Math.Max(worst, Math.Abs(row[t] - expected[t]));
                }

                history[slots[i]].Add(Decoding.ArgMax(row));
            }
        }

        void Join(int[] slots, int[] lengths)
        {
            var prompts = slots.Select((s, i) => Prompt(lengths[i], s + 10 * history.Count, vocab)).ToArray();
            for (int i = 0; i < slots.Length; i++)
            {
                history[slots[i]] = [.. prompts[i]];
            }

            Check(batch.Prefill(slots, prompts), slots);
        }

        void Step(int count)
        {
            for (int s = 0; s < count; s++)
            {
                var slots = history.Keys.Order().ToArray();
                Check(batch.Decode(slots, [.. slots.Select(x => history[x][^1])]), slots);
            }
        }

        Join([0, 2, 3], [5, 17, 2]);
        Step(4);
        Join([5, 1], [30, 1]); // longer than the cache so far: the occupied rows gain padding in front
        Step(3);
        batch.Release(5);
        history.Remove(5);
        Assert.Equal(history.Values.Max(h => h.Count) - 1, batch.CacheLength);
        Join([4], [3]);
        Step(3);
        batch.Release(2);
        history.Remove(2);
        Step(2);

        output.WriteLine($"{architecture}: largest logit difference from one sequence {worst:E2}");
        Assert.True(worst < 1e-4f, $"largest logit difference {worst}");
    }

    [Fact]
    public void A_row_may_reach_the_context_while_others_are_shorter_and_no_further()
    {
        using var batch = TorchBatchDecoderSession.Open(llama.Folder, Cpu, 2);
        int context = batch.MaxSequenceLength, vocab = batch.VocabularySize;
        batch.Prefill([0, 1], [Prompt(context - 2, 1, vocab), Prompt(4, 2, vocab)]);
        batch.Decode([0, 1], [1, 2]);
        batch.Decode([0, 1], [1, 2]);
        Assert.Equal(context, batch.CacheLength);
        var e = Assert.Throws<EnergyGateException>(() => batch.Decode([0, 1], [1, 2]));
        Assert.StartsWith("EG2004", e.Message, StringComparison.Ordinal);
        batch.Release(0);
        Assert.Equal(6, batch.CacheLength);
        Assert.Equal(vocab, batch.Decode([1], [3]).Length);
    }

    [Fact]
    public void Native_memory_stays_flat_over_200_joins_and_leaves()
    {
        using var batch = TorchBatchDecoderSession.Open(gpt2.Folder, Cpu, 4);
        int vocab = batch.VocabularySize;
        var slots = new[] { 0, 1, 2, 3 };
        var tokens = new[] { 1, 2, 3, 4 };
        batch.Prefill(slots, [.. slots.Select(s => Prompt(3 + s, s, vocab))]);
        void Cycle(int i)
        {
            // A leave and a join of a prompt of another length each time: every rearrangement and
            // both growth directions of the shared time axis.
            int slot = i % 4;
            batch.Release(slot);
            batch.Prefill([slot], [Prompt(1 + (i * 7 % 40), i, vocab)]);
            batch.Decode(slots, tokens);
        }

        // Allocators settle first: resident memory rose ~14 MiB over the first 200 cycles here and
        // then stayed within a few MiB over 1,400 more.
        for (int i = 0; i < 200; i++)
        {
            Cycle(i);
        }

        long liveBefore = LiveTensors();
        long residentBefore = ResidentBytes();
        for (int i = 200; i < 400; i++)
        {
            Cycle(i);
        }

        long residentGrowth = ResidentBytes() - residentBefore;
        output.WriteLine($"live tensors {liveBefore} -> {LiveTensors()}, resident memory {residentGrowth / 1048576.0:+0.0;-0.0} MiB");
        Assert.Equal(liveBefore, LiveTensors());
        Assert.True(residentGrowth < 8 << 20, $"resident memory grew {residentGrowth / 1048576.0:0.0} MiB over 200 joins and leaves");
    }

    private static long LiveTensors() => DisposeScopeManager.Statistics.TensorStatistics.ThreadTotalLiveCount;

    private static long ResidentBytes()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        using var self = System.Diagnostics.Process.GetCurrentProcess();
        self.Refresh();
        return self.WorkingSet64;
    }
}

using EnergyGate.Core;
using EnergyGate.Core.Configuration;
using EnergyGate.Runtimes.Onnx;
using EnergyGate.Runtimes.Tests.TestSupport;
using Xunit.Abstractions;

namespace EnergyGate.Runtimes.Tests.Onnx;

/// <summary>ONNX Runtime's batch session beyond the contract: refusals, exactness, trimming, the shared model's layout.</summary>
public sealed class BatchSessionTests(TinyModelFixture tiny, ITestOutputHelper output) : IClassFixture<TinyModelFixture>
{
    private static readonly OnnxSessionOptions Cpu = new() { IntraOpThreads = 1 };

    [Theory]
    [InlineData("position_ids")]
    [InlineData("attention_mask")]
    public void A_model_without_an_input_padding_needs_is_refused(string missing)
    {
        using var temp = new TempFolder();
        MinimalDecoder.Write(temp.Path, withMask: missing != "attention_mask", withPositions: missing != "position_ids");
        // The model is fine for one sequence at a time.
        using (var single = OnnxDecoderSession.Open(temp.Path, Cpu))
        {
            Assert.Equal(MinimalDecoder.Vocab, single.Prefill([1, 2, 3]).Length);
        }

        var e = Assert.Throws<EnergyGateException>(() => OnnxBatchDecoderSession.Open(temp.Path, Cpu, 4));
        Assert.StartsWith("EG2061: ", e.Message, StringComparison.Ordinal);
        Assert.Contains($"no '{missing}' input", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Another_provider_is_refused_because_the_caches_live_in_host_memory()
    {
        var e = Assert.Throws<EnergyGateException>(() => new OnnxRuntimeFactory().OpenBatch(tiny.Folder, new RuntimeSettings("onnx", "cuda", 0, 1, true), 4));
        Assert.StartsWith("EG2061: ", e.Message, StringComparison.Ordinal);
        Assert.Contains("batching runs on cpu for onnx", e.Message, StringComparison.Ordinal);
        Assert.Contains("host memory", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Prompts_of_equal_length_give_bit_identical_logits()
    {
        // Without padding every row computes exactly what it would alone (ONNX Runtime's CPU kernels
        // compute each row of a larger batch in the same order).
        int[][] prompts = [[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12]];
        var (worst, _) = WorstDifference(tiny.Folder, prompts, steps: 6);
        Assert.Equal(0f, worst);
    }

    [Fact]
    public void Padded_rows_stay_within_rounding_of_one_sequence()
    {
        // Left padding lengthens the rows that attention's softmax and weighted sum reduce over, so
        // their SIMD summation order shifts: a few ulps, never a changed token in the contract tests.
        int[][] prompts = [[1, 2, 3], [5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21], [7], [9, 9, 9, 9, 9]];
        var (worst, scale) = WorstDifference(tiny.Folder, prompts, steps: 8);
        output.WriteLine($"worst difference {worst:G3} at logits up to {scale:G3}");
        Assert.InRange(worst, 0f, 1e-5f * Math.Max(1f, scale));
    }

    [Fact]
    public void A_leaving_sequence_takes_its_padding_columns_along()
    {
        using var session = OnnxBatchDecoderSession.Open(tiny.Folder, Cpu, 2);
        session.Prefill([0, 1], [[.. Enumerable.Range(1, 20)], [4, 5, 6]]);
        Assert.Equal(20, session.Columns);
        session.Release(0);
        session.Decode([1], [7]);
        // Only the short sequence is left: 3 prompt tokens and 1 decoded, no padding.
        Assert.Equal(4, session.Columns);
        session.Prefill([0], [[1, 2]]);
        Assert.Equal(4, session.Columns);
        Assert.Equal(2 * tiny.Spec.Vocab, session.Decode([0, 1], [3, 8]).Length);
        Assert.Equal(5, session.Columns);
    }

    [Fact]
    public void Describes_how_it_batches()
    {
        using var session = OnnxBatchDecoderSession.Open(tiny.Folder, Cpu, 3);
        Assert.Equal("onnx/cpu tiny", session.Description);
        Assert.Contains("left-padded", session.Batching, StringComparison.Ordinal);
        Assert.Equal(3, session.MaxBatchSize);
    }

    [Fact]
    public void The_shared_stacked_int32_model_batches_like_one_sequence_at_a_time()
    {
        // tiny-random-gpt2: past_N stacked [2, batch, heads, past, 8], int32 ids, mask and positions.
        int[][] prompts = [[1, 2, 3, 4, 5], [999], [10, 20, 30, 40, 50, 60, 70, 80, 90], [98, 97]];
        using var single = OnnxDecoderSession.Open(TestPaths.SharedTinyGpt2, Cpu);
        var expected = prompts.Select(p => Decoding.Greedy(single, p, 30)).ToArray();
        using var batch = OnnxBatchDecoderSession.Open(TestPaths.SharedTinyGpt2, Cpu, 4);
        Assert.Equal(OnnxKvLayout.StackedKeyValue, batch.KvLayout);
        int vocab = batch.VocabularySize;
        var produced = prompts.Select(_ => new List<int>()).ToArray();
        var next = new int[4];
        // Two join now, two join after three steps: the joins merge into a cache that is decoding.
        var running = new List<int> { 0, 2 };
        Take(batch.Prefill([0, 2], [prompts[0], prompts[2]]), [0, 2]);
        for (int step = 0; running.Count > 0; step++)
        {
            if (step == 3)
            {
                Take(batch.Prefill([3, 1], [prompts[3], prompts[1]]), [3, 1]);
                running = [0, 1, 2, 3];
            }

            foreach (int s in running)
            {
                produced[s].Add(next[s]);
            }

            foreach (int s in running.Where(s => produced[s].Count == 30).ToList())
            {
                batch.Release(s);
                running.Remove(s);
            }

            if (running.Count > 0)
            {
                Take(batch.Decode([.. running], [.. running.Select(s => next[s])]), [.. running]);
            }
        }

        for (int i = 0; i < prompts.Length; i++)
        {
            Assert.Equal(expected[i], produced[i]);
        }

        void Take(ReadOnlySpan<float> logits, int[] slots)
        {
            for (int i = 0; i < slots.Length; i++)
            {
                next[slots[i]] = Decoding.ArgMax(logits.Slice(i * vocab, vocab));
            }
        }
    }

    /// <summary>Largest logit difference between the batch and one sequence at a time over a prefill and <paramref name="steps"/> decode steps, and the largest logit.</summary>
    private static (float Worst, float Scale) WorstDifference(string folder, int[][] prompts, int steps)
    {
        using var single = OnnxDecoderSession.Open(folder, Cpu);
        using var batch = OnnxBatchDecoderSession.Open(folder, Cpu, prompts.Length);
        int vocab = batch.VocabularySize, n = prompts.Length;
        int[] slots = [.. Enumerable.Range(0, n)];
        var batched = new List<float[]> { batch.Prefill(slots, prompts).ToArray() };
        var tokens = new int[n];
        for (int step = 0; step < steps; step++)
        {
            for (int i = 0; i < n; i++)
            {
                tokens[i] = (step * 31 + i * 7 + 1) % vocab;
            }

            batched.Add(batch.Decode(slots, tokens).ToArray());
        }

        float worst = 0, scale = 0;
        for (int i = 0; i < n; i++)
        {
            var alone = new List<float[]> { single.Prefill(prompts[i]).ToArray() };
            for (int step = 0; step < steps; step++)
            {
                alone.Add(single.Decode((step * 31 + i * 7 + 1) % vocab).ToArray());
            }

            for (int step = 0; step <= steps; step++)
            {
                for (int j = 0; j < vocab; j++)
                {
                    worst = Math.Max(worst, Math.Abs(alone[step][j] - batched[step][(i * vocab) + j]));
                    scale = Math.Max(scale, Math.Abs(alone[step][j]));
                }
            }
        }

        return (worst, scale);
    }
}

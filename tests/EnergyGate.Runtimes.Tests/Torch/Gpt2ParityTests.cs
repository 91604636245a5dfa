using EnergyGate.Runtimes.Tests.TestSupport;
using EnergyGate.Runtimes.Torch;

namespace EnergyGate.Runtimes.Tests.Torch;

/// <summary>The built-in GPT-2 tiny model (same weights in model.onnx and model.safetensors) on ONNX Runtime and TorchSharp.</summary>
public sealed class Gpt2ParityTests(TinyModelFixture tiny) : ParityTheories, IClassFixture<TinyModelFixture>
{
    protected override string Folder => tiny.Folder;

    protected override int Vocab => tiny.Spec.Vocab;

    [Fact]
    public void Session_reports_the_model_and_is_deterministic_across_resets()
    {
        using var torch = TorchDecoderSession.Open(tiny.Folder, Torch);
        Assert.Equal("torch/cpu tiny (float32)", torch.Description);
        Assert.Equal(tiny.Spec.Vocab, torch.VocabularySize);
        Assert.Equal(tiny.Spec.Context, torch.MaxSequenceLength);
        int[] prompt = [10, 20, 30];
        var first = Decoding.Greedy(torch, prompt, 30);
        torch.Reset();
        Assert.Equal(first, Decoding.Greedy(torch, prompt, 30));
    }

    [Fact]
    public void Prefill_then_decode_equals_a_full_pass_and_the_cache_grows_past_its_first_capacity()
    {
        using var incremental = TorchDecoderSession.Open(tiny.Folder, Torch);
        using var full = TorchDecoderSession.Open(tiny.Folder, Torch);
        var prompt = Enumerable.Range(0, 250).Select(i => i % tiny.Spec.Vocab).ToArray();
        // 250 + 12 positions cross the cache's first capacity (256), so growth keeps what was cached.
        Assert.InRange(Decoding.MaxDifferenceFromFullPass(incremental, full, prompt, [.. Enumerable.Range(1, 12)]), 0f, 1e-4f);
        Assert.True(incremental.CacheCapacity > 256);
    }

    [Fact]
    public void Half_precision_dtypes_load_and_mostly_agree_with_float32()
    {
        using var fp32 = TorchDecoderSession.Open(tiny.Folder, Torch);
        int[] prompt = [.. Enumerable.Range(0, 30).Select(i => i * 13 % tiny.Spec.Vocab)];
        var reference = Decoding.Greedy(fp32, prompt, 20);
        foreach (var dtype in new[] { TorchDTypes.Fp16, TorchDTypes.Bf16 })
        {
            using var half = TorchDecoderSession.Open(tiny.Folder, Torch with { DType = dtype });
            Assert.EndsWith($"({dtype})", half.Description, StringComparison.Ordinal);
            var logits = half.Prefill(prompt).ToArray();
            Assert.All(logits, l => Assert.True(float.IsFinite(l)));
            // Looser: bf16 keeps 8 bits of mantissa; the first token must match, most others too.
            Assert.InRange(TorchOnnxParity.Diff(fp32.Prefill(prompt), logits), 0f, 0.5f);
            var tokens = Decoding.Greedy(half, prompt, 20);
            Assert.Equal(reference[0], tokens[0]);
        }
    }
}

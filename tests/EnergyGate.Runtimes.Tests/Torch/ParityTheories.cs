using EnergyGate.Runtimes.Onnx;
using EnergyGate.Runtimes.Torch;

namespace EnergyGate.Runtimes.Tests.Torch;

/// <summary>
/// The parity bar, run by each tiny model's test class on its own folder (same weights in
/// model.onnx and model.safetensors): identical greedy tokens for 64 new tokens on 5 prompts, and
/// last-position logits within 1e-3 after prefill and after 10 decode steps.
/// </summary>
public abstract class ParityTheories
{
    protected static readonly OnnxSessionOptions Onnx = new() { IntraOpThreads = 1 };
    protected static readonly TorchSessionOptions Torch = new() { Threads = 1 };

    protected abstract string Folder { get; }

    protected abstract int Vocab { get; }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Greedy_tokens_are_identical_for_64_new_tokens(int prompt)
    {
        using var onnx = OnnxDecoderSession.Open(Folder, Onnx);
        using var torch = TorchDecoderSession.Open(Folder, Torch);
        TorchOnnxParity.AssertSameGreedyTokens(onnx, torch, TorchOnnxParity.Prompts(Vocab)[prompt], 64);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Logits_agree_after_prefill_and_after_10_decode_steps(int prompt)
    {
        using var onnx = OnnxDecoderSession.Open(Folder, Onnx);
        using var torch = TorchDecoderSession.Open(Folder, Torch);
        var (prefill, decode) = TorchOnnxParity.MaxLogitDifference(onnx, torch, TorchOnnxParity.Prompts(Vocab)[prompt], 10);
        Assert.InRange(prefill, 0f, 1e-3f);
        Assert.InRange(decode, 0f, 1e-3f);
    }
}

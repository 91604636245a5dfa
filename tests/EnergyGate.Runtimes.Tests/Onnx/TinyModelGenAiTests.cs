using EnergyGate.Runtimes.Onnx;
using EnergyGate.Runtimes.Tests.TestSupport;
using Xunit.Abstractions;

namespace EnergyGate.Runtimes.Tests.Onnx;

/// <summary>The built-in model's genai_config.json is right when onnxruntime-genai decodes it like we do.</summary>
public sealed class TinyModelGenAiTests(TinyModelFixture tiny, ITestOutputHelper output) : IClassFixture<TinyModelFixture>
{
    [Fact]
    public void Greedy_tokens_equal_onnxruntime_genai()
    {
        int[] prompt = [1, 2, 3, 4, 5];
        using var session = OnnxDecoderSession.Open(tiny.Folder, new OnnxSessionOptions { IntraOpThreads = 1 });
        var ours = Decoding.Greedy(session, prompt, 60);
        var reference = GenAiReference.Greedy(tiny.Folder, prompt, 60);
        output.WriteLine($"ours:  {string.Join(' ', ours)}");
        output.WriteLine($"genai: {string.Join(' ', reference)}");
        SharedModelTests.AssertSameGreedy(ours, reference, tiny.Spec.EosId);
    }
}

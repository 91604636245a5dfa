using EnergyGate.Core;
using EnergyGate.Core.Models.Tiny;
using EnergyGate.Runtimes.Onnx;
using EnergyGate.Runtimes.Tests.TestSupport;
using EnergyGate.Runtimes.Torch;

namespace EnergyGate.Runtimes.Tests;

/// <summary>
/// Both runtimes refuse a model folder whose tokenizer is far smaller than the model (EG2051) when
/// they load it, and still load the shared model whose tokenizer is the larger one.
/// </summary>
public sealed class TokenizerCoverageTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>A 2,048-id tiny model with the tokenizer.json of a 300-id one.</summary>
    private string MismatchedFolder()
    {
        var model = Path.Combine(_temp.Path, "model");
        var small = Path.Combine(_temp.Path, "small");
        TinyModelWriter.Write(model, new TinyModelSpec(Layers: 1, Hidden: 16, Heads: 2, Vocab: 2048, Context: 32));
        TinyModelWriter.Write(small, new TinyModelSpec(Layers: 1, Hidden: 16, Heads: 2, Vocab: 300, Context: 32));
        File.Copy(Path.Combine(small, "tokenizer.json"), Path.Combine(model, "tokenizer.json"), overwrite: true);
        return model;
    }

    [Fact]
    public void Onnx_refuses_the_small_tokenizer_at_load_time()
    {
        var folder = MismatchedFolder();
        var ex = Assert.Throws<EnergyGateException>(() => OnnxDecoderSession.Open(folder, new OnnxSessionOptions { IntraOpThreads = 1 }));
        Assert.StartsWith($"EG2051: the tokenizer {Path.Combine(folder, "tokenizer.json")} has 300 ids but the model ({Path.Combine(folder, "model.onnx")} logits) produces 2,048:",
            ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Torch_refuses_the_small_tokenizer_at_load_time()
    {
        var folder = MismatchedFolder();
        var ex = Assert.Throws<EnergyGateException>(() => TorchDecoderSession.Open(folder, new TorchSessionOptions { Threads = 1 }));
        Assert.StartsWith($"EG2051: the tokenizer {Path.Combine(folder, "tokenizer.json")} has 300 ids but the model ({Path.Combine(folder, "config.json")} vocab_size) produces 2,048:",
            ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_shared_model_with_a_larger_tokenizer_still_loads()
    {
        using var session = OnnxDecoderSession.Open(TestPaths.SharedTinyGpt2, new OnnxSessionOptions { IntraOpThreads = 1 });
        Assert.Equal(1000, session.VocabularySize);
    }
}

using EnergyGate.Core.Models.Tiny;
using EnergyGate.Runtimes.Onnx;
using EnergyGate.Runtimes.Tests.TestSupport;
using EnergyGate.Runtimes.Torch;

namespace EnergyGate.Runtimes.Tests.Torch;

/// <summary>The built-in Llama-family tiny model (RMSNorm, RoPE, GQA, SwiGLU; same weights in ONNX and safetensors) on both runtimes.</summary>
public sealed class LlamaParityTests(TinyLlamaFixture llama) : ParityTheories, IClassFixture<TinyLlamaFixture>
{
    protected override string Folder => llama.Folder;

    protected override int Vocab => llama.Spec.Vocab;

    [Fact]
    public void The_session_runs_the_model_as_the_llama_family_with_grouped_query_attention()
    {
        using var torch = TorchDecoderSession.Open(llama.Folder, Torch);
        Assert.Equal(DecoderFamily.Llama, torch.Config.Family);
        Assert.Equal(2, torch.Config.KvHeads);
    }

    public static TheoryData<string, int[]> Shapes => new()
    {
        // name, {heads, kv heads, hidden, tied (0/1), rope theta}
        { "MHA 4/4", [4, 4, 64, 0, 10000] },
        { "GQA 6/3, theta 500000, tied", [6, 3, 96, 1, 500000] },
        { "MQA 4/1", [4, 1, 64, 0, 10000] },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Other_head_layouts_and_theta_agree_with_onnx(string name, int[] shape)
    {
        var spec = new TinyModelSpec(Layers: 2, Hidden: shape[2], Heads: shape[0], Vocab: 300, Context: 128, Seed: 3,
            TiedEmbeddings: shape[3] == 1, Architecture: TinyArchitecture.Llama, KvHeads: shape[1], RopeTheta: shape[4]);
        using var temp = new TempFolder();
        TinyModelWriter.Write(temp.Path + "/m", spec);
        using var onnx = OnnxDecoderSession.Open(temp.Path + "/m", Onnx);
        using var torch = TorchDecoderSession.Open(temp.Path + "/m", Torch);
        var (prefill, decode) = TorchOnnxParity.MaxLogitDifference(onnx, torch, [.. Enumerable.Range(0, 50).Select(i => i * 7 % 300)], 10);
        Assert.True(prefill <= 1e-3f && decode <= 1e-3f, $"{name}: prefill {prefill}, decode {decode}");
    }

    [Fact]
    public void Half_precision_runs_and_the_first_token_matches_float32()
    {
        using var fp32 = TorchDecoderSession.Open(llama.Folder, Torch);
        int[] prompt = [.. Enumerable.Range(0, 30).Select(i => i * 13 % llama.Spec.Vocab)];
        int expected = Decoding.ArgMax(fp32.Prefill(prompt));
        foreach (var dtype in new[] { TorchDTypes.Fp16, TorchDTypes.Bf16 })
        {
            using var half = TorchDecoderSession.Open(llama.Folder, Torch with { DType = dtype });
            var logits = half.Prefill(prompt);
            Assert.InRange(TorchOnnxParity.Diff(fp32.Prefill(prompt), logits), 0f, 0.5f);
            Assert.Equal(expected, Decoding.ArgMax(half.Prefill(prompt)));
        }
    }
}

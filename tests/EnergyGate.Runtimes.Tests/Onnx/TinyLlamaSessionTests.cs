using EnergyGate.Core.Models.Onnx.Proto;
using EnergyGate.Core.Models.Tiny;
using EnergyGate.Runtimes.Onnx;
using EnergyGate.Runtimes.Tests.TestSupport;
using Xunit.Abstractions;

namespace EnergyGate.Runtimes.Tests.Onnx;

/// <summary>The Llama-family tiny model on ONNX Runtime: cache consistency, HF semantics, GQA.</summary>
public sealed class TinyLlamaSessionTests(TinyLlamaFixture llama, ITestOutputHelper output) : IClassFixture<TinyLlamaFixture>
{
    private static readonly OnnxSessionOptions Cpu = new() { IntraOpThreads = 1 };

    [Theory]
    [InlineData(new[] { 5 }, new[] { 7, 300, 2, 2, 511 })]
    [InlineData(new[] { 1, 2, 3, 4, 5, 6, 7, 8 }, new[] { 9, 10, 11 })]
    [InlineData(new[] { 100, 50, 25, 12, 6, 3, 1, 0, 511, 256, 400, 401 }, new[] { 1, 1, 1, 1, 1, 1, 1, 1 })]
    public void Prefill_then_decode_equals_a_full_pass_without_cache(int[] prompt, int[] continuation)
    {
        using var incremental = OnnxDecoderSession.Open(llama.Folder, Cpu);
        using var full = OnnxDecoderSession.Open(llama.Folder, Cpu);
        Assert.Equal(llama.Spec.Vocab, incremental.VocabularySize);
        Assert.Equal(llama.Spec.Context, incremental.MaxSequenceLength);
        Assert.InRange(Decoding.MaxDifferenceFromFullPass(incremental, full, prompt, continuation), 0f, 1e-4f);
    }

    public static TheoryData<string, int[]> Shapes => new()
    {
        // name, {heads, kv heads, hidden, tied (0/1), rope theta}
        { "GQA 4/2", [4, 2, 64, 0, 10000] },
        { "GQA 6/3, theta 500000, tied", [6, 3, 96, 1, 500000] },
        { "MQA 4/1", [4, 1, 64, 0, 10000] },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Logits_equal_a_plain_csharp_hugging_face_llama_forward(string name, int[] shape)
    {
        var spec = new TinyModelSpec(Layers: 2, Hidden: shape[2], Heads: shape[0], Vocab: 300, Context: 64, Seed: 3,
            TiedEmbeddings: shape[3] == 1, Architecture: TinyArchitecture.Llama, KvHeads: shape[1], RopeTheta: shape[4]);
        using var temp = new TempFolder();
        TinyModelWriter.Write(temp.Path, spec);
        var reference = new LlamaReference(temp.Path);
        using var session = OnnxDecoderSession.Open(temp.Path, Cpu);
        float worst = 0;
        foreach (var (prompt, continuation) in new (int[], int[])[]
        {
            ([299, 10, 20, 30], [40, 50, 60, 70, 80, 90]),
            ([1, 1, 1, 1, 1, 1, 1, 1, 1, 1], [2, 3]),
            ([200, 17, 256, 3, 99, 298, 0, 42, 7, 120, 64, 32, 16, 8, 4, 2, 1], [5, 6, 7]),
        })
        {
            var expected = reference.Forward([.. prompt, .. continuation]);
            worst = Math.Max(worst, MaxDifference(session.Prefill(prompt), expected[prompt.Length - 1]));
            for (int i = 0; i < continuation.Length; i++)
            {
                worst = Math.Max(worst, MaxDifference(session.Decode(continuation[i]), expected[prompt.Length + i]));
            }
        }

        output.WriteLine($"{name}: largest |onnx - reference| = {worst:E2}");
        Assert.InRange(worst, 0f, 1e-4f);
    }

    [Fact]
    public void The_cache_holds_only_the_key_value_heads()
    {
        Assert.True(llama.Spec.KeyValueHeads < llama.Spec.Heads);
        var model = ModelProto.Parser.ParseFrom(File.ReadAllBytes(Path.Combine(llama.Folder, "model.onnx")));
        var past = model.Graph.Input.Single(i => i.Name == "past_key_values.1.value").Type.TensorType.Shape.Dim;
        Assert.Equal(llama.Spec.KeyValueHeads, past[1].DimValue);
        Assert.Equal(llama.Spec.HeadDim, past[3].DimValue);
        var present = model.Graph.Output.Single(o => o.Name == "present.0.key").Type.TensorType.Shape.Dim;
        Assert.Equal(llama.Spec.KeyValueHeads, present[1].DimValue);
        Assert.Equal([llama.Spec.KeyValueHeads * llama.Spec.HeadDim, llama.Spec.Hidden],
            model.Graph.Initializer.Single(t => t.Name == "model.layers.0.self_attn.k_proj.weight").Dims);
        // Standard ops only, so every provider can run it.
        Assert.All(model.Graph.Node, n => Assert.Equal("", n.Domain));
        Assert.Equal(17, model.OpsetImport.Single().Version);
    }

    [Fact]
    public void Greedy_decoding_varies_and_does_not_collapse_into_one_token()
    {
        using var session = OnnxDecoderSession.Open(llama.Folder, Cpu);
        foreach (var prompt in new[] { new[] { 100, 101, 102 }, [7], [300, 12, 12, 12, 9, 44] })
        {
            var tokens = Decoding.Greedy(session, prompt, 32);
            output.WriteLine(string.Join(' ', tokens));
            Assert.True(tokens.Distinct().Count() >= 8, $"only {tokens.Distinct().Count()} distinct tokens: {string.Join(' ', tokens)}");
            Assert.False(tokens[0] == tokens[1] && tokens[1] == tokens[2], $"starts by repeating {tokens[0]}");
        }
    }

    [Fact]
    public void Greedy_tokens_equal_onnxruntime_genai()
    {
        int[] prompt = [1, 2, 3, 4, 5];
        using var session = OnnxDecoderSession.Open(llama.Folder, Cpu);
        var ours = Decoding.Greedy(session, prompt, 60);
        var reference = GenAiReference.Greedy(llama.Folder, prompt, 60);
        output.WriteLine($"ours:  {string.Join(' ', ours)}");
        output.WriteLine($"genai: {string.Join(' ', reference)}");
        SharedModelTests.AssertSameGreedy(ours, reference, llama.Spec.EosId);
    }

    private static float MaxDifference(ReadOnlySpan<float> actual, float[] expected)
    {
        Assert.Equal(expected.Length, actual.Length);
        float worst = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            worst = Math.Max(worst, Math.Abs(actual[i] - expected[i]));
        }

        return worst;
    }
}

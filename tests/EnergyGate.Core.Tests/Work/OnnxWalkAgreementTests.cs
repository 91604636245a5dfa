using EnergyGate.Core.Models.Onnx.Proto;
using EnergyGate.Core.Models.Tiny;
using EnergyGate.Core.Tests.TestSupport;
using EnergyGate.Core.Work;
using Xunit.Abstractions;

namespace EnergyGate.Core.Tests.Work;

/// <summary>
/// The work formula (from config.json) against an independent count: a walk over the built-in tiny
/// model's ONNX graph that sums its MatMul/Gemm weight operands and the weight initializers' stored bytes.
/// </summary>
public sealed class OnnxWalkAgreementTests(ITestOutputHelper output)
{
    public static TheoryData<string, int, int, int, int?> Models => new()
    {
        { "gpt2", 2, 64, 4, null },
        { "gpt2", 4, 128, 8, null },
        { "llama", 2, 64, 4, 2 },
        { "llama", 3, 128, 8, 2 },
    };

    [Theory]
    [MemberData(nameof(Models))]
    public void Formula_matches_the_graph_walk_at_two_context_lengths(string architecture, int layers, int hidden, int heads, int? kvHeads)
    {
        using var dir = new TempDir();
        var spec = new TinyModelSpec(Layers: layers, Hidden: hidden, Heads: heads, Vocab: 600, Context: 256,
            Architecture: architecture == "llama" ? TinyArchitecture.Llama : TinyArchitecture.Gpt2, KvHeads: kvHeads);
        TinyModelWriter.Write(dir.Path, spec);
        var shape = ConfigReadShape(dir.Path);
        var walk = GraphWalk.Of(ModelProto.Parser.ParseFrom(File.ReadAllBytes(dir.File(TinyModelWriter.OnnxFileName))), hidden);

        var formulaMatmul = WorkCount.MatmulFlopsPerToken(shape);
        output.WriteLine($"{architecture} L{layers} E{hidden} H{heads}: matmul FLOPs/token formula {formulaMatmul} walk {walk.MatmulFlopsPerToken}; weight bytes formula {shape.WeightBytes} walk {walk.WeightBytes}");
        Assert.InRange(Ratio(formulaMatmul, walk.MatmulFlopsPerToken), 0.99, 1.01);
        Assert.InRange(Ratio(shape.WeightBytes, walk.WeightBytes), 0.99, 1.01);
        foreach (var context in new[] { 16, 200 })
        {
            var formula = WorkCount.DecodeStepFlops(shape, context);
            var walked = walk.DecodeStepFlops(context);
            output.WriteLine($"  context {context}: decode-step FLOPs formula {formula} walk {walked}");
            Assert.InRange(Ratio(formula, walked), 0.99, 1.01);
        }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Kv_cache_bytes_grow_linearly_with_the_context(string architecture, int layers, int hidden, int heads, int? kvHeads)
    {
        using var dir = new TempDir();
        var spec = new TinyModelSpec(Layers: layers, Hidden: hidden, Heads: heads, Vocab: 600, Context: 256,
            Architecture: architecture == "llama" ? TinyArchitecture.Llama : TinyArchitecture.Gpt2, KvHeads: kvHeads);
        TinyModelWriter.Write(dir.Path, spec);
        var shape = ConfigReadShape(dir.Path);
        var perPosition = 2L * layers * spec.KeyValueHeads * spec.HeadDim * 4;

        Assert.Equal(perPosition, WorkCount.DecodeStepBytes(shape, 101) - WorkCount.DecodeStepBytes(shape, 100));
        Assert.Equal(100 * perPosition, WorkCount.DecodeStepBytes(shape, 200) - WorkCount.DecodeStepBytes(shape, 100));
        Assert.Equal(shape.WeightBytes, WorkCount.DecodeStepBytes(shape, 0));
    }

    private static WorkShape ConfigReadShape(string folder)
    {
        var shape = WorkShapeReader.Read(folder);
        Assert.NotNull(shape);
        Assert.StartsWith("config.json", shape.Source, StringComparison.Ordinal);
        return shape;
    }

    private static double Ratio(long a, long b) => (double)a / b;

    /// <summary>The test's own count: weights by their stored bytes, matmuls by their weight operand's dimensions.</summary>
    private sealed record GraphWalk(long MatmulFlopsPerToken, long WeightBytes, int ActivationMatmuls, int Hidden)
    {
        // Attention matmuls have no weight: each multiplies hidden-wide queries (or probabilities) by c keys (or values).
        public long DecodeStepFlops(int context) => MatmulFlopsPerToken + ActivationMatmuls * 2L * Hidden * context;

        public static GraphWalk Of(ModelProto model, int hidden)
        {
            var g = model.Graph;
            var initializers = g.Initializer.ToDictionary(t => t.Name);
            var transposed = g.Node.Where(n => n.OpType == "Transpose" && initializers.ContainsKey(n.Input[0])).ToDictionary(n => n.Output[0], n => n.Input[0]);
            long flops = 0;
            var activations = 0;
            foreach (var node in g.Node.Where(n => n.OpType is "MatMul" or "Gemm"))
            {
                var b = node.Input[1];
                var name = initializers.ContainsKey(b) ? b : transposed.GetValueOrDefault(b);
                if (name is null)
                {
                    activations++;
                    continue;
                }
                var dims = initializers[name].Dims;
                flops += 2 * dims[0] * dims[1];
            }
            // Model weights by their Hugging Face names; the Llama graph also holds precomputed rotary
            // tables and scalars, which are constants of the graph, not weights a token reads.
            var bytes = g.Initializer.Where(t => t.DataType == (int)TensorProto.Types.DataType.Float && (t.Name.EndsWith(".weight", StringComparison.Ordinal) || t.Name.EndsWith(".bias", StringComparison.Ordinal))).Sum(t => (long)t.RawData.Length + 4L * t.FloatData.Count);
            return new GraphWalk(flops, bytes, activations, hidden);
        }
    }
}

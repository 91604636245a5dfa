using EnergyGate.Core.Models.Onnx.Proto;

namespace EnergyGate.Core.Work;

/// <summary>What a walk over an ONNX decoder graph's weights found.</summary>
/// <param name="MatmulWeights">Elements of every weight a MatMul, Gemm or fused Attention multiplies (directly or through a Transpose), each node counted.</param>
/// <param name="HeadWeights">Elements of the weight of the matmul that produces the logits (the LM head).</param>
/// <param name="WeightBytes">Bytes of every floating-point or 8-bit initializer, each counted once however many nodes use it.</param>
/// <param name="ActivationMatmuls">MatMul nodes with no weight operand (attention scores and weighted sums).</param>
/// <param name="WeightElementBytes">Bytes per element of the largest initializer (the dtype the weights are stored in).</param>
internal sealed record OnnxWeights(long MatmulWeights, long HeadWeights, long WeightBytes, int ActivationMatmuls, int WeightElementBytes);

/// <summary>
/// Counts matmul weights in an ONNX graph from its initializers' dimensions: for a model folder
/// without config.json, and as an independent check of <see cref="ConfigShape"/>'s arithmetic.
/// </summary>
internal static class OnnxWeightWalk
{
    /// <summary>Walks <paramref name="model"/>'s main graph; null when no matmul produces a graph output (not a decoder we understand).</summary>
    public static OnnxWeights? Walk(ModelProto model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var graph = model.Graph;
        var initializers = graph.Initializer.GroupBy(t => t.Name).ToDictionary(g => g.Key, g => g.First());
        var producers = new Dictionary<string, NodeProto>();
        foreach (var node in graph.Node)
        {
            foreach (var output in node.Output)
            {
                producers[output] = node;
            }
        }
        TensorProto? WeightOf(string value) =>
            initializers.TryGetValue(value, out var direct) ? direct
            : producers.TryGetValue(value, out var p) && p.OpType is "Transpose" or "Cast" or "Identity" && initializers.TryGetValue(p.Input[0], out var t) ? t
            : null;
        long matmul = 0;
        var activations = 0;
        // ONNX Runtime's optimized GPT-2 exports fuse q/k/v into the contrib op Attention, its weight at input 1.
        foreach (var node in graph.Node.Where(n => n.OpType is "MatMul" or "Gemm" or "Attention"))
        {
            var weight = node.Input.Skip(1).Take(1).Select(WeightOf).FirstOrDefault() ?? WeightOf(node.Input[0]);
            if (weight is null)
            {
                activations++;
            }
            else
            {
                matmul += Elements(weight);
            }
        }
        var head = Head(graph, producers, WeightOf);
        if (head is null)
        {
            return null;
        }
        var weights = initializers.Values.Where(t => ElementBytes(t.DataType) is not null && IsWeightType(t.DataType)).ToList();
        var largest = weights.MaxBy(Elements);
        return new OnnxWeights(matmul, Elements(head), weights.Sum(t => Elements(t) * ElementBytes(t.DataType)!.Value), activations,
            largest is null ? 4 : ElementBytes(largest.DataType)!.Value);
    }

    /// <summary>Bytes per element of an ONNX data type; null for strings and unknown types.</summary>
    public static int? ElementBytes(int dataType) => dataType switch
    {
        1 or 6 => 4,
        2 or 3 or 9 => 1,
        4 or 5 or 10 or 16 => 2,
        7 or 11 => 8,
        _ => null,
    };

    // Floating-point and 8-bit (quantized) tensors are weights; int32/int64 initializers are shapes and indices.
    private static bool IsWeightType(int dataType) => dataType is 1 or 2 or 3 or 10 or 11 or 16;

    // From the logits output back through element-wise ops and reshapes to the matmul that made it.
    private static TensorProto? Head(GraphProto graph, Dictionary<string, NodeProto> producers, Func<string, TensorProto?> weightOf)
    {
        var value = graph.Output.FirstOrDefault(o => o.Name == "logits")?.Name ?? graph.Output.FirstOrDefault()?.Name;
        for (var step = 0; value is not null && step < 8 && producers.TryGetValue(value, out var node); step++)
        {
            if (node.OpType is "MatMul" or "Gemm")
            {
                return weightOf(node.Input[1]) ?? weightOf(node.Input[0]);
            }
            value = node.Input.FirstOrDefault();
        }
        return null;
    }

    private static long Elements(TensorProto t) => t.Dims.Aggregate(1L, (a, d) => a * d);
}

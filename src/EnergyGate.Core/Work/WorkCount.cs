namespace EnergyGate.Core.Work;

/// <summary>
/// Exact, machine-independent work of a generation from the model's shape and its token counts.
/// </summary>
/// <remarks>
/// With P prompt tokens and G generated tokens: prefill runs the P prompt tokens through the blocks
/// and the LM head once (the runtimes take logits of the last position only) and chooses token 1;
/// decode step j = 1..G-1 feeds token j at context length c = P + j (the keys it attends, itself
/// included) and chooses token j + 1. Per token in the blocks, 2 x BlockMatmulWeights FLOPs; the LM
/// head, 2 x hidden x vocab; attention over c keys, scores (q.k) plus the weighted sum of values:
/// 2 x 2 x layers x heads x head_dim x c. Causal prefill attends 1..P keys, sum P(P+1)/2.
///   prefill FLOPs = P x 2 Wb + 2 Wh + 4 A x P(P+1)/2
///   decode FLOPs  = sum over j of (2 Wb + 2 Wh + 4 A (P + j))
///   decode bytes  = sum over j of (weight bytes + 2 x layers x kv_heads x head_dim x (P + j) x kv dtype bytes)
/// Not counted, because they do not scale with a matmul's size: layer norms, softmax, activations,
/// rotary embeddings, residual adds, embedding look-ups, and sampling. They are a few percent of the
/// FLOPs of any model worth measuring and they change only when the shape does, so the count stays
/// exact as a comparison: the same model and tokens always give the same number.
/// </remarks>
public static class WorkCount
{
    /// <summary>The work of one sample with <paramref name="promptTokens"/> in and <paramref name="generatedTokens"/> out.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A token count is negative.</exception>
    public static SampleWork ForSample(WorkShape shape, int promptTokens, int generatedTokens)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentOutOfRangeException.ThrowIfNegative(promptTokens);
        ArgumentOutOfRangeException.ThrowIfNegative(generatedTokens);
        long p = promptTokens, steps = Math.Max(0, generatedTokens - 1);
        // Sum of the context lengths P + 1 .. P + steps the decode steps attend.
        var decodeContexts = checked(steps * p + steps * (steps + 1) / 2);
        var prefill = p == 0 ? 0 : checked(p * 2 * shape.BlockMatmulWeights + 2 * shape.HeadMatmulWeights + 4 * shape.AttentionWidth * (p * (p + 1) / 2));
        var decode = checked(steps * (2 * shape.BlockMatmulWeights + 2 * shape.HeadMatmulWeights) + 4 * shape.AttentionWidth * decodeContexts);
        var bytes = checked(steps * shape.WeightBytes + shape.KvBytesPerPosition * decodeContexts);
        return new SampleWork(prefill, decode, bytes);
    }

    /// <summary>FLOPs of the weight matmuls (blocks and LM head) for one token: what a graph walk over MatMul/Gemm weights counts.</summary>
    public static long MatmulFlopsPerToken(WorkShape shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        return 2 * (shape.BlockMatmulWeights + shape.HeadMatmulWeights);
    }

    /// <summary>FLOPs of one decode step at context length <paramref name="context"/> (keys attended, itself included).</summary>
    public static long DecodeStepFlops(WorkShape shape, int context)
    {
        ArgumentNullException.ThrowIfNull(shape);
        return MatmulFlopsPerToken(shape) + 4 * shape.AttentionWidth * context;
    }

    /// <summary>Bytes one decode step reads at context length <paramref name="context"/>: every weight and the cached keys and values.</summary>
    public static long DecodeStepBytes(WorkShape shape, int context)
    {
        ArgumentNullException.ThrowIfNull(shape);
        return shape.WeightBytes + shape.KvBytesPerPosition * context;
    }
}

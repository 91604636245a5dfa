namespace EnergyGate.Core.Work;

/// <summary>
/// The sizes of a decoder that fix how much arithmetic and memory traffic a token costs, whatever
/// machine runs it. Read from a model folder by <see cref="WorkShapeReader"/>; used by <see cref="WorkCount"/>.
/// </summary>
/// <param name="BlockMatmulWeights">Weights every token multiplies in the transformer blocks, all layers
/// together (q, k, v, output and MLP projections; GQA's k and v use kv-heads).</param>
/// <param name="HeadMatmulWeights">Weights of the LM head (hidden x vocab); tied or not, its matmul runs.</param>
/// <param name="AttentionWidth">Layers x query heads x head width: attention's multiply-adds per key, per query token, halved.</param>
/// <param name="KvWidth">Layers x kv-heads x head width: one position's keys (or values) over all layers.</param>
/// <param name="WeightBytes">Bytes of every weight at its stored dtype, a tied embedding counted once.</param>
/// <param name="KvElementBytes">Bytes of one cached key or value element (fractional for a block-quantized cache: Q8_0 stores 34 bytes per 32 elements).</param>
/// <param name="Source">Where the numbers came from, for reports and messages (e.g. <c>config.json (gpt2)</c>).</param>
public sealed record WorkShape(
    long BlockMatmulWeights, long HeadMatmulWeights, long AttentionWidth, long KvWidth,
    long WeightBytes, double KvElementBytes, string Source)
{
    /// <summary>Bytes of keys and values one cached position holds over all layers.</summary>
    public long KvBytesPerPosition => checked((long)Math.Round(2 * KvWidth * KvElementBytes));
}

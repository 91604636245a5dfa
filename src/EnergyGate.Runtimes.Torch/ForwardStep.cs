using static TorchSharp.torch;

namespace EnergyGate.Runtimes.Torch;

/// <summary>
/// What differs between one sequence's forward pass and a batch's: how many sequences the step
/// holds, where their positions are, and how a layer's queries reach the cached keys. The layer
/// math (norms, projections, MLP) runs on [batch * length, hidden] rows either way, so both paths
/// share it in <see cref="Gpt2Decoder"/> and <see cref="LlamaDecoder"/>.
/// </summary>
/// <param name="batch">Sequences in this step.</param>
/// <param name="length">Positions per sequence in this step (padded to the longest in a batch).</param>
internal abstract class ForwardStep(long batch, long length)
{
    /// <summary>Sequences in this step.</summary>
    public long Batch { get; } = batch;

    /// <summary>Positions per sequence in this step.</summary>
    public long Length { get; } = length;

    /// <summary>A projection's head chunks ([chunks, batch * length, head dim]) as [batch, chunks, length, head dim] (a view).</summary>
    public Tensor Heads(Tensor chunks) =>
        Batch == 1 ? chunks.unsqueeze(0) : chunks.view(chunks.shape[0], Batch, Length, chunks.shape[2]).transpose(0, 1);

    /// <summary>Each sequence's last row of <paramref name="x"/> ([batch * length, hidden]) as [batch, hidden].</summary>
    public Tensor Last(Tensor x) =>
        Batch == 1 ? x.narrow(0, x.shape[0] - 1, 1) : Length == 1 ? x : x.view(Batch, Length, x.shape[1]).select(1, Length - 1);

    /// <summary>GPT-2's learned position embeddings of this step's positions, [batch * length, hidden].</summary>
    public abstract Tensor PositionEmbeddings(Tensor table);

    /// <summary>Rotates queries or keys ([batch, heads, length, head dim]) for this step's positions.</summary>
    public abstract Tensor Rotate(RotaryEmbedding rope, Tensor x);

    /// <summary>
    /// Attention of <paramref name="layer"/>: q [batch, heads, length, head dim], k and v [batch, kv heads,
    /// length, head dim] (written into the cache first). Returns [batch * length, heads * head dim].
    /// </summary>
    public abstract Tensor Attend(Tensor q, Tensor k, Tensor v, int layer);
}

/// <summary>One sequence at positions <c>start..start+length-1</c> over the decoder's own <see cref="KvCache"/>.</summary>
internal sealed class SingleStep(TransformerDecoder model, long start, long length) : ForwardStep(1, length)
{
    public override Tensor PositionEmbeddings(Tensor table) => table.narrow(0, start, Length);

    public override Tensor Rotate(RotaryEmbedding rope, Tensor x) => rope.Apply(x, start);

    public override Tensor Attend(Tensor q, Tensor k, Tensor v, int layer) => model.Attend(q, k, v, layer, start);
}

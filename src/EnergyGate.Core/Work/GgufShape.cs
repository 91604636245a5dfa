using EnergyGate.Core.Models.Gguf;

namespace EnergyGate.Core.Work;

/// <summary>
/// A GGUF file's <see cref="WorkShape"/>, from its header alone: the hyper-parameters give the
/// attention widths, the tensor infos the matmul weights and their stored bytes (quantized blocks
/// included), so a user's GGUF model gets exact work metrics like a Hugging Face folder.
/// </summary>
public static class GgufShape
{
    /// <summary>The shape, or null when the header lacks the block count, the head counts or the blocks' weights.</summary>
    /// <param name="header">The file's header.</param>
    /// <param name="kvElementBytes">Bytes of one cached key or value element as the runtime stores them.</param>
    public static WorkShape? Read(GgufHeader header, double kvElementBytes)
    {
        ArgumentNullException.ThrowIfNull(header);
        var arch = header.Architecture;
        var layers = header.BlockCount;
        var heads = header.GetInteger($"{arch}.attention.head_count");
        var kvHeads = header.GetInteger($"{arch}.attention.head_count_kv") ?? heads;
        var headSize = header.GetInteger($"{arch}.attention.key_length") ?? (header.EmbeddingLength / heads);
        // Every 2-D tensor of a block is a projection a token multiplies (q, k, v or fused qkv, output,
        // MLP up/gate/down); norms and biases are 1-D.
        var block = header.Tensors.Where(t => t.Name.StartsWith("blk.", StringComparison.Ordinal) && t.Dimensions.Count >= 2).Sum(t => t.ElementCount);
        var head = (header.Tensors.FirstOrDefault(t => t.Name == "output.weight") ?? header.Tensors.FirstOrDefault(t => t.Name == "token_embd.weight"))?.ElementCount;
        if (layers is not > 0 || heads is not > 0 || kvHeads is not > 0 || headSize is not > 0 || block == 0 || head is null)
        {
            return null;
        }
        var bytes = header.Tensors.Sum(t => t.ByteSize ?? 0);
        return new WorkShape(block, head.Value, layers.Value * heads.Value * headSize.Value, layers.Value * kvHeads.Value * headSize.Value,
            bytes, kvElementBytes, $"{System.IO.Path.GetFileName(header.Path)} ({arch})");
    }
}

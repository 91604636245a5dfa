using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace EnergyGate.Runtimes.Torch;

/// <summary>
/// A step over several left-padded sequences: each row's positions count from its own first real
/// token (padding columns take position 0, any finite value serves), so a row computes what it would
/// alone. Construct inside the step's dispose scope.
/// </summary>
internal abstract class BatchStep : ForwardStep
{
    private readonly long[] _positions, _totals;
    private readonly Device _device;
    private (Tensor Cos, Tensor Sin)? _rotation;

    /// <param name="config">The model's shape.</param>
    /// <param name="cache">The batch's cache.</param>
    /// <param name="positions">Position of every row's every column, [batch * length].</param>
    /// <param name="totals">Each row's sequence length after this step.</param>
    /// <param name="length">Columns per row in this step.</param>
    /// <param name="device">Where the model runs.</param>
    protected BatchStep(DecoderConfig config, BatchKvCache cache, long[] positions, long[] totals, long length, Device device)
        : base(totals.Length, length)
    {
        (Config, Cache, _positions, _totals, _device) = (config, cache, positions, totals, device);
        Positions = tensor(positions, [positions.Length]).to(device);
    }

    protected DecoderConfig Config { get; }

    protected BatchKvCache Cache { get; }

    /// <summary>The positions as an int64 tensor on the model's device.</summary>
    protected Tensor Positions { get; }

    public override Tensor PositionEmbeddings(Tensor table) => table.index_select(0, Positions);

    public override Tensor Rotate(RotaryEmbedding rope, Tensor x)
    {
        // Queries and keys of every layer share the step's tables.
        _rotation ??= rope.Rows(Positions, _positions, _totals, Length);
        return rope.Rotate(x, _rotation.Value.Cos, _rotation.Value.Sin);
    }

    /// <summary>Each row's padding as a [batch, 1] int64 tensor on the model's device.</summary>
    protected Tensor PadColumn(long[] pads) => tensor(pads, [pads.Length, 1]).to(_device);
}

/// <summary>
/// Prefill of joining prompts, left-padded to the longest (n columns), in the cache rows the
/// session laid out for them. Their queries attend only to their own keys (a new sequence has no
/// past), through a causal mask that also hides each row's padding.
/// </summary>
internal sealed class BatchPrefillStep : BatchStep
{
    private readonly Tensor _rows;
    private readonly Tensor? _mask;

    /// <summary>
    /// <paramref name="rows"/>: the cache rows the prompts go to ([batch] int64 on the device);
    /// <paramref name="pads"/>: padding columns in front of each prompt; the rest as <see cref="BatchStep"/>.
    /// </summary>
    public BatchPrefillStep(DecoderConfig config, BatchKvCache cache, Tensor rows, long[] pads, long[] positions, long[] totals, long length, Device device)
        : base(config, cache, positions, totals, length, device)
    {
        _rows = rows;
        if (pads.Any(p => p > 0))
        {
            // Key k is visible to query q when k <= q and k is a real token. A padding query would
            // then see no key at all and softmax would give NaN, which the next layer would store as
            // keys and values: 0 * NaN poisons real rows too. Each query may always see itself, so
            // padding rows stay finite garbage that the mask keeps out of every real row.
            var columns = arange(length, ScalarType.Int64, device);
            var causal = columns.view(1, length).le(columns.view(length, 1));
            var real = columns.view(1, 1, length).ge(PadColumn(pads).view(Batch, 1, 1));
            var self = eye(length, length, ScalarType.Bool, device);
            _mask = causal.unsqueeze(0).logical_and(real).logical_or(self.unsqueeze(0)).unsqueeze(1);
        }
    }

    public override Tensor Attend(Tensor q, Tensor k, Tensor v, int layer)
    {
        Cache.WriteRows(layer, _rows, k, v);
        int heads = Config.Heads, groups = heads / Config.KvHeads;
        if (groups > 1)
        {
            k = k.repeat_interleave(groups, 1);
            v = v.repeat_interleave(groups, 1);
        }

        // Without padding the prompts are plain causal, as one sequence's prefill runs.
        var output = _mask is null
            ? F.scaled_dot_product_attention(q, k, v, is_casual: true)
            : F.scaled_dot_product_attention(q, k, v, _mask);
        return output.transpose(1, 2).reshape(Batch * Length, heads * Config.HeadDim);
    }
}

/// <summary>
/// One decode step for every row: each row's new key and value go in the next shared column, and its
/// query attends over the columns from its first real token on.
/// </summary>
internal sealed class BatchDecodeStep : BatchStep
{
    private readonly Tensor? _mask;

    /// <summary>
    /// <paramref name="pads"/>: padding columns in front of each row; <paramref name="positions"/>: each
    /// row's new token's position (its length so far).
    /// </summary>
    public BatchDecodeStep(DecoderConfig config, BatchKvCache cache, long[] pads, long[] positions, Device device)
        : base(config, cache, positions, [.. positions.Select(p => p + 1)], 1, device)
    {
        if (pads.Any(p => p > 0))
        {
            long total = cache.Length + 1;
            var columns = arange(total, ScalarType.Int64, device).view(1, total);
            _mask = columns.ge(PadColumn(pads)).view(Batch, 1, 1, total);
        }
    }

    public override Tensor Attend(Tensor q, Tensor k, Tensor v, int layer)
    {
        Cache.Append(layer, k, v);
        var (keys, values) = Cache.Read(layer, Cache.Length + 1);
        int heads = Config.Heads, kvHeads = Config.KvHeads, groups = heads / kvHeads;

        // One query per head: the query heads sharing a KV head become its "positions" (as the single
        // session does), so grouped-query attention needs no copy of the cache; the mask broadcasts
        // over them.
        var grouped = groups == 1 ? q : q.reshape(Batch, kvHeads, groups, Config.HeadDim);
        var output = _mask is null
            ? F.scaled_dot_product_attention(grouped, keys, values)
            : F.scaled_dot_product_attention(grouped, keys, values, _mask);
        return output.reshape(Batch, heads * Config.HeadDim);
    }
}

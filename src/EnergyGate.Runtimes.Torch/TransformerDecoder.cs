using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace EnergyGate.Runtimes.Torch;

/// <summary>
/// A decoder's weights as plain tensors and its forward pass over the KV cache, written with
/// TorchSharp's functional operators (no modules: nothing to train, nothing to hook).
/// </summary>
internal abstract class TransformerDecoder : IDisposable
{
    private readonly List<Tensor> _owned = [];
    private readonly List<Projection> _projections = [];
    private readonly SafetensorsWeights _weights;

    protected TransformerDecoder(DecoderConfig config, SafetensorsWeights weights, ScalarType dtype, Device device, int maxLength)
    {
        Config = config;
        _weights = weights;
        DType = dtype;
        Device = device;
        Cache = new KvCache(config.Layers, config.KvHeads, config.HeadDim, maxLength, dtype, device);
    }

    public DecoderConfig Config { get; }

    public ScalarType DType { get; }

    public Device Device { get; }

    public KvCache Cache { get; }

    /// <summary>Makes room for <paramref name="length"/> positions, keeping <paramref name="keep"/> cached ones. Outside a dispose scope.</summary>
    public void Reserve(long length, long keep)
    {
        Cache.Reserve(length, keep);
        ReservePositions(Cache.Capacity);
    }

    /// <summary>Makes position tables (RoPE) cover <paramref name="length"/> positions. Outside a dispose scope.</summary>
    public virtual void ReservePositions(long length)
    {
    }

    /// <summary>
    /// Runs <paramref name="ids"/> (1-D, int64) at positions <paramref name="start"/>.. and returns the
    /// last position's logits, [1, vocab], in the model's dtype. Call inside a dispose scope. Activations
    /// are [n, hidden] (no batch dimension: one sequence).
    /// </summary>
    public Tensor Forward(Tensor ids, long start) => Forward(ids, new SingleStep(this, start, ids.shape[0]));

    /// <summary>
    /// Runs <paramref name="ids"/> ([batch * length], int64, sequence-major) through the layers, attending
    /// as <paramref name="step"/> says, and returns each sequence's last-position logits, [batch, vocab],
    /// in the model's dtype. Call inside a dispose scope.
    /// </summary>
    public abstract Tensor Forward(Tensor ids, ForwardStep step);

    public static TransformerDecoder Create(DecoderConfig config, SafetensorsWeights weights, ScalarType dtype, Device device, int maxLength) =>
        config.Family == DecoderFamily.Gpt2
            ? new Gpt2Decoder(config, weights, dtype, device, maxLength)
            : new LlamaDecoder(config, weights, dtype, device, maxLength);

    public void Dispose()
    {
        Cache.Dispose();
        DisposeExtras();
        foreach (var t in _owned)
        {
            t.Dispose();
        }

        foreach (var p in _projections)
        {
            p.Dispose();
        }

        _owned.Clear();
        _projections.Clear();
    }

    protected virtual void DisposeExtras()
    {
    }

    /// <summary>Loads weight <paramref name="name"/>, checking its shape; the decoder owns it.</summary>
    protected Tensor Weight(string name, params long[] shape) => Own(Load(name, shape));

    protected Tensor? OptionalWeight(string name, params long[] shape) => _weights.Contains(name) ? Weight(name, shape) : null;

    /// <summary>Loads weight <paramref name="name"/>, checking its shape; the caller disposes it.</summary>
    protected Tensor Load(string name, params long[] shape)
    {
        var actual = _weights.Shape(name);
        if (!actual.SequenceEqual(shape))
        {
            throw new EnergyGate.Core.EnergyGateException(
                $"EG2033: tensor '{name}' in {_weights.Folder} has shape [{string.Join(", ", actual)}], but config.json implies [{string.Join(", ", shape)}].");
        }

        return _weights.Load(name, DType, Device);
    }

    protected Tensor? OptionalLoad(string name, params long[] shape) => _weights.Contains(name) ? Load(name, shape) : null;

    protected bool HasWeight(string name) => _weights.Contains(name);

    /// <summary>Keeps a tensor alive with the decoder.</summary>
    protected Tensor Own(Tensor tensor)
    {
        _owned.Add(tensor);
        return tensor;
    }

    /// <summary>
    /// A projection over <paramref name="weight"/> ([out, in], any strides) and <paramref name="bias"/>,
    /// owned by the decoder; the arguments are disposed (the projection keeps its own copy or alias).
    /// </summary>
    protected Projection Project(Tensor weight, Tensor? bias, int chunks = 0)
    {
        using (weight)
        using (bias)
        {
            var projection = new Projection(weight, bias, chunks);
            _projections.Add(projection);
            return projection;
        }
    }

    /// <summary>
    /// Attention of this step's queries ([1, heads, n, head dim]) over the cached keys and values of
    /// <paramref name="layer"/> after writing this step's into the cache. Returns [n, heads * head dim].
    /// </summary>
    internal Tensor Attend(Tensor q, Tensor k, Tensor v, int layer, long start)
    {
        long n = q.shape[2];
        long total = start + n;
        Cache.Write(layer, k, v, start);
        var (keys, values) = Cache.Read(layer, total);
        int heads = Config.Heads, kvHeads = Config.KvHeads, groups = heads / kvHeads;
        Tensor output;
        if (n == 1)
        {
            // One query per head: a group of query heads sharing a KV head becomes that KV head's
            // "positions", so grouped-query attention needs no copy of the cache.
            var grouped = groups == 1 ? q : q.view(1, kvHeads, groups, Config.HeadDim);
            output = F.scaled_dot_product_attention(grouped, keys, values).view(1, heads, 1, Config.HeadDim);
        }
        else
        {
            if (groups > 1)
            {
                keys = keys.repeat_interleave(groups, 1);
                values = values.repeat_interleave(groups, 1);
            }

            output = start == 0
                ? F.scaled_dot_product_attention(q, keys, values, is_casual: true)
                : F.scaled_dot_product_attention(q, keys, values, ones([n, total], ScalarType.Bool, Device).tril(start));
        }

        // One query: [1, heads, 1, head dim] is already [1, heads * head dim] in memory.
        return n == 1 ? output.reshape(1, heads * Config.HeadDim) : output.squeeze(0).transpose(0, 1).reshape(n, heads * Config.HeadDim);
    }
}
